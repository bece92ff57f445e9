import { describe, expect, it } from "vitest";
import { shortenClaim, toClaimReview } from "../../lib/export/to-claimreview.ts";
import { claimReviewProblems } from "../support/claimreview-checker.ts";

const source = {
  quote: "The coalition carried out 34,573 airstrikes",
  verdict: { rating: { label: "Mostly true", value: 4 }, updatedAt: new Date("2026-12-01T10:00:00Z") },
  article: {
    title: "Airstrikes",
    byline: "Jane Doe",
    publishedAt: new Date("2026-11-20T00:00:00Z"),
    sourceUrl: "https://news.example/story",
  },
  url: "https://proofmark.example/p/abc#claim-1",
  scale: { bestRating: 5, worstRating: 1 },
  organization: { name: "Demo Desk", url: "https://desk.example" },
};

describe("toClaimReview", () => {
  it("passes the checker field by field", () => {
    const review = toClaimReview(source);
    expect(
      claimReviewProblems(review, {
        quote: source.quote,
        rating: source.verdict.rating,
        claimAuthor: "Jane Doe",
        claimDatePublished: true,
        appearanceUrl: "https://news.example/story",
        url: source.url,
      }),
    ).toEqual([]);
    expect(review).toMatchObject({
      reviewRating: { alternateName: "Mostly true", ratingValue: 4, bestRating: 5, worstRating: 1 },
      datePublished: "2026-12-01T10:00:00.000Z",
    });
  });

  it("leaves the numbers out for a rating without a value, and the claim's author and date without them", () => {
    const review = toClaimReview({
      ...source,
      verdict: { ...source.verdict, rating: { label: "Unverifiable", value: null } },
      article: { ...source.article, byline: null, publishedAt: null, sourceUrl: null },
    });
    expect(review.reviewRating).toEqual({ "@type": "Rating", alternateName: "Unverifiable" });
    expect(
      claimReviewProblems(review, {
        rating: { label: "Unverifiable", value: null },
        claimAuthor: null,
        claimDatePublished: false,
        appearanceUrl: null,
      }),
    ).toEqual([]);
  });

  it("shortens long quotes at a word boundary, never adding the rating", () => {
    const long = `${"word ".repeat(100)}end`;
    const claim = shortenClaim(long);
    expect(claim.length).toBeLessThanOrEqual(280);
    expect(claim.endsWith("word…")).toBe(true);
    const review = toClaimReview({ ...source, quote: long });
    expect(claimReviewProblems(review, { quote: long, rating: source.verdict.rating })).toEqual([]);
  });
});

describe("the checker itself fails what Google would", () => {
  const good = toClaimReview(source);
  const cases: Array<[string, (review: Record<string, unknown>) => void, RegExp]> = [
    ["no url", (r) => delete r.url, /url \(required\)/],
    ["no claimReviewed", (r) => delete r.claimReviewed, /claimReviewed \(required\)/],
    [
      "no alternateName",
      (r) => delete (r.reviewRating as Record<string, unknown>).alternateName,
      /alternateName/,
    ],
    ["value above best", (r) => ((r.reviewRating as Record<string, unknown>).ratingValue = 9), /outside/],
    [
      "half a numeric trio",
      (r) => delete (r.reviewRating as Record<string, unknown>).bestRating,
      /numeric trio/,
    ],
    ["person as author", (r) => ((r.author as Record<string, unknown>)["@type"] = "Person"), /Organization/],
    ["no date", (r) => delete r.datePublished, /datePublished/],
    ["no appearance", (r) => delete (r.itemReviewed as Record<string, unknown>).appearance, /appearance/],
    ["rating appended", (r) => (r.claimReviewed = `${source.quote} — Mostly true`), /shortened|added/],
  ];
  it.each(cases)("%s", (_name, spoil, message) => {
    const review = structuredClone(good);
    spoil(review);
    const problems = claimReviewProblems(review, { quote: source.quote, rating: source.verdict.rating });
    expect(problems.join("\n")).toMatch(message);
  });
});
