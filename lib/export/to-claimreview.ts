/** What one ClaimReview is built from (already scoped and visible: an approved fact with a verdict). */
export interface ClaimReviewSource {
  quote: string;
  verdict: { rating: { label: string; value: number | null }; updatedAt: Date | string };
  article: {
    title: string;
    byline: string | null;
    publishedAt: Date | string | null;
    sourceUrl: string | null;
  };
  /** The claim's public URL (`/p/{publicId}#claim-N`) or the article's page when not published. */
  url: string;
  scale: { bestRating: number | null; worstRating: number | null };
  organization: { name: string; url: string };
}

export type ClaimReviewJson = Record<string, unknown>;

/** The longest claimReviewed before it is shortened at a word boundary. */
export const MAX_CLAIM_LENGTH = 280;

/**
 * The quote as ClaimReview's claimReviewed: whitespace collapsed, and when longer than
 * MAX_CLAIM_LENGTH, cut at the last word boundary before it with an ellipsis. Never more than
 * the quote (no rating, no label).
 * @throws nothing
 */
export function shortenClaim(quote: string, max = MAX_CLAIM_LENGTH): string {
  const text = quote.replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const boundary = cut.lastIndexOf(" ");
  return `${(boundary > max / 2 ? cut.slice(0, boundary) : cut).replace(/[\s,;:.–—-]+$/u, "")}…`;
}

function isoDate(value: Date | string): string {
  return (typeof value === "string" ? new Date(value) : value).toISOString();
}

/**
 * One schema.org ClaimReview (Google's required and recommended properties): url, claimReviewed,
 * reviewRating (alternateName always; ratingValue, bestRating and worstRating when the rating and
 * the scale are numeric), author (the team as an Organization), datePublished (the verdict's
 * date), itemReviewed (a Claim with the byline as author, the article's date and its source as
 * appearance).
 * @throws nothing
 */
export function toClaimReview(source: ClaimReviewSource, withContext = true): ClaimReviewJson {
  const { rating } = source.verdict;
  const numeric =
    rating.value !== null && source.scale.bestRating !== null && source.scale.worstRating !== null;
  const appearance: Record<string, unknown> = {
    "@type": "CreativeWork",
    headline: source.article.title,
    ...(source.article.sourceUrl ? { url: source.article.sourceUrl } : {}),
  };
  return {
    ...(withContext ? { "@context": "https://schema.org" } : {}),
    "@type": "ClaimReview",
    url: source.url,
    claimReviewed: shortenClaim(source.quote),
    reviewRating: {
      "@type": "Rating",
      alternateName: rating.label,
      ...(numeric
        ? {
            ratingValue: rating.value,
            bestRating: source.scale.bestRating,
            worstRating: source.scale.worstRating,
          }
        : {}),
    },
    author: { "@type": "Organization", name: source.organization.name, url: source.organization.url },
    datePublished: isoDate(source.verdict.updatedAt),
    itemReviewed: {
      "@type": "Claim",
      ...(source.article.byline ? { author: { "@type": "Person", name: source.article.byline } } : {}),
      ...(source.article.publishedAt ? { datePublished: isoDate(source.article.publishedAt) } : {}),
      appearance,
    },
  };
}
