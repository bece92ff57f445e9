// Checks a ClaimReview against Google's structured data documentation for fact checks
// (developers.google.com/search/docs/appearance/structured-data/factcheck), field by field:
// required properties (claimReviewed, reviewRating with alternateName, url) and recommended ones
// (author as an Organization with name and url, datePublished, itemReviewed as a Claim with
// author, datePublished and appearance; numeric ratings with bestRating >= ratingValue >=
// worstRating). Returns every problem found, so a test can assert an empty list and show them all.

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0;
}

function isAbsoluteHttpUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function isIsoDate(value: unknown): boolean {
  return (
    typeof value === "string" &&
    /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** What the caller knows the review must say (the source it was made from). */
export interface ClaimReviewExpectation {
  /** The full quote of the passage: claimReviewed must be it, or a word-boundary prefix + "…". */
  quote?: string;
  /** The rating label (alternateName) and, for numeric ratings, its value. */
  rating?: { label: string; value: number | null };
  /** Whether the item must carry an itemReviewed.author and datePublished (the article has a byline/date). */
  claimAuthor?: string | null;
  claimDatePublished?: boolean;
  appearanceUrl?: string | null;
  /** When the review must not repeat the rating inside claimReviewed beyond the quote. */
  url?: string;
}

/**
 * Every way `review` falls short of Google's required and recommended ClaimReview properties
 * (and of `expected`, when given). An empty array means it passes.
 */
export function claimReviewProblems(review: unknown, expected: ClaimReviewExpectation = {}): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  if (!isObject(review)) return ["not an object"];
  if (review["@type"] !== "ClaimReview") fail(`@type is ${String(review["@type"])}, not ClaimReview`);
  const context = review["@context"];
  if (context !== undefined && context !== "https://schema.org" && context !== "http://schema.org") {
    fail(`@context ${String(context)} is not schema.org`);
  }

  // Required: url.
  if (!isAbsoluteHttpUrl(review.url)) fail("url (required) is not an absolute http(s) URL");
  else if (expected.url !== undefined && review.url !== expected.url)
    fail(`url is ${String(review.url)}, expected ${expected.url}`);

  // Required: claimReviewed.
  const claim = review.claimReviewed;
  if (!isNonEmptyString(claim)) fail("claimReviewed (required) is missing or empty");
  else if (expected.quote !== undefined) {
    const quote = expected.quote.replace(/\s+/g, " ").trim();
    if (claim !== quote) {
      if (!claim.endsWith("…")) fail("claimReviewed differs from the quote without being shortened");
      else {
        const kept = claim.slice(0, -1);
        if (!quote.startsWith(kept)) fail("claimReviewed is not a prefix of the quote (something was added)");
        const next = quote.charAt(kept.length);
        if (next !== "" && !/[\s,;:.–—-]/u.test(next) && !/[\s,;:.–—-]$/u.test(kept)) {
          fail("claimReviewed was cut inside a word");
        }
      }
    }
    if (expected.rating && !quote.includes(expected.rating.label) && claim.includes(expected.rating.label)) {
      fail("claimReviewed contains the rating");
    }
  }

  // Required: reviewRating with alternateName; recommended: numeric rating on its scale.
  const rating = review.reviewRating;
  if (!isObject(rating)) fail("reviewRating (required) is missing");
  else {
    if (rating["@type"] !== "Rating") fail("reviewRating.@type is not Rating");
    if (!isNonEmptyString(rating.alternateName)) fail("reviewRating.alternateName (required) is missing");
    else if (expected.rating && rating.alternateName !== expected.rating.label) {
      fail(`reviewRating.alternateName is ${rating.alternateName}, expected ${expected.rating.label}`);
    }
    const numbers = ["ratingValue", "bestRating", "worstRating"].filter((key) => key in rating);
    if (numbers.length > 0 && numbers.length < 3)
      fail(`reviewRating has only ${numbers.join(", ")} of the numeric trio`);
    if (numbers.length === 3) {
      const { ratingValue, bestRating, worstRating } = rating as Record<string, unknown>;
      if (![ratingValue, bestRating, worstRating].every((n) => typeof n === "number" && Number.isFinite(n))) {
        fail("reviewRating numbers are not numbers");
      } else if (!((bestRating as number) > (worstRating as number)))
        fail("bestRating is not above worstRating");
      else if (
        (ratingValue as number) > (bestRating as number) ||
        (ratingValue as number) < (worstRating as number)
      ) {
        fail("ratingValue lies outside worstRating..bestRating");
      }
    }
    if (expected.rating) {
      if (expected.rating.value === null && numbers.length > 0)
        fail("a rating without a value carries numbers");
      if (expected.rating.value !== null && rating.ratingValue !== expected.rating.value) {
        fail(`reviewRating.ratingValue is ${String(rating.ratingValue)}, expected ${expected.rating.value}`);
      }
    }
  }

  // Recommended: author (the publisher of the fact check) as an Organization with name and url.
  const author = review.author;
  if (!isObject(author)) fail("author (recommended) is missing");
  else {
    if (author["@type"] !== "Organization") fail("author.@type is not Organization");
    if (!isNonEmptyString(author.name)) fail("author.name is missing");
    if (!isAbsoluteHttpUrl(author.url)) fail("author.url is not an absolute URL");
  }

  // Recommended: datePublished (ISO 8601).
  if (!isIsoDate(review.datePublished)) fail("datePublished (recommended) is not an ISO 8601 date");

  // Recommended: itemReviewed, a Claim with author, datePublished and appearance.
  const item = review.itemReviewed;
  if (!isObject(item)) fail("itemReviewed (recommended) is missing");
  else {
    if (item["@type"] !== "Claim") fail("itemReviewed.@type is not Claim");
    if (expected.claimAuthor !== undefined) {
      const claimAuthor = item.author as Json | undefined;
      if (expected.claimAuthor === null) {
        if (claimAuthor !== undefined) fail("itemReviewed.author is set without a byline");
      } else if (!isObject(claimAuthor) || claimAuthor.name !== expected.claimAuthor) {
        fail(`itemReviewed.author.name is not the byline ${expected.claimAuthor}`);
      } else if (claimAuthor["@type"] !== "Person" && claimAuthor["@type"] !== "Organization") {
        fail("itemReviewed.author.@type is neither Person nor Organization");
      }
    }
    if (expected.claimDatePublished === true && !isIsoDate(item.datePublished))
      fail("itemReviewed.datePublished is missing");
    if (expected.claimDatePublished === false && item.datePublished !== undefined)
      fail("itemReviewed.datePublished without a date");
    const appearance = item.appearance ?? item.firstAppearance;
    if (!isObject(appearance)) fail("itemReviewed.appearance (recommended) is missing");
    else {
      if (appearance["@type"] !== "CreativeWork") fail("itemReviewed.appearance.@type is not CreativeWork");
      if (expected.appearanceUrl !== undefined) {
        if (
          expected.appearanceUrl === null
            ? appearance.url !== undefined
            : appearance.url !== expected.appearanceUrl
        ) {
          fail(
            `itemReviewed.appearance.url is ${String(appearance.url)}, expected ${String(expected.appearanceUrl)}`,
          );
        }
      } else if (appearance.url !== undefined && !isAbsoluteHttpUrl(appearance.url)) {
        fail("itemReviewed.appearance.url is not an absolute URL");
      }
    }
  }
  return problems;
}
