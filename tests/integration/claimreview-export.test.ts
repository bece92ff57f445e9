import Ajv, { type ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as articleExportRoute } from "../../app/api/v1/articles/[id]/export/route.ts";
import { GET as schemaRoute } from "../../app/api/v1/schema/export.json/route.ts";
import { GET as teamExportRoute } from "../../app/api/v1/teams/[team]/export/route.ts";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { addJsonSchemaFormats } from "../../lib/export/json-schema-formats.ts";
import { setVerdict } from "../../lib/verdicts/set-verdict.ts";
import {
  AssertionRunner,
  failedAnnotationMusts,
  failedCollectionChecks,
  suiteAjv,
} from "../conformance/w3c-assertions.ts";
import { callJson, callRoute, type RouteHandler, sessionCookie } from "../support/api.ts";
import { claimReviewProblems } from "../support/claimreview-checker.ts";
import { DEMO_TEXT } from "../support/demo-text.ts";
import { createTeamWithMembers, type TestTeam } from "../support/factories.ts";

const BASE = "http://localhost";
const LONG_CLAIM =
  "This is a very long claim that goes on and on about the coalition and its airstrikes and the civilians and the figures that were reported by the monitors over the many months of the campaign, with details about every city and village and the numbers that each source gave, more than anyone could fit in a search result";

let team: TestTeam;
let other: TestTeam;
let articleId: string;
let secondArticleId: string;
const ids = {} as Record<
  "numeric" | "unverifiable" | "long" | "noVerdict" | "pending" | "opinion" | "second",
  string
>;
let validateSchema: ValidateFunction;

async function tag(
  article: string,
  quote: string,
  label: "fact" | "opinion",
  status?: "APPROVED" | "REJECTED",
) {
  const { text } = await db.article.findUniqueOrThrow({ where: { id: article }, select: { text: true } });
  const start = text.indexOf(quote);
  expect(start, quote).toBeGreaterThanOrEqual(0);
  const created = await createAnnotation({
    actor: team.annotator.actor,
    articleId: article,
    input: { label, start, end: start + quote.length, note: "PRIVATE-NOTE" },
  });
  if (status) await db.annotation.update({ where: { id: created.id }, data: { status } });
  return created.id;
}

async function evidence(annotationId: string): Promise<string> {
  const row = await db.evidence.create({
    data: {
      annotationId,
      relation: "CORROBORATES",
      url: "https://airwars.example/report",
      title: "Airwars report",
      publisher: "Airwars",
      addedById: team.annotator.id,
    },
  });
  return row.id;
}

async function rule(annotationId: string, rating: string, conclusion = "Checked against **Airwars**.") {
  const evidenceId = await evidence(annotationId);
  await setVerdict({
    actor: team.moderator.actor,
    annotationId,
    input: { rating, conclusion, evidenceIds: [evidenceId] },
  });
  return evidenceId;
}

async function exportArticle(query: string, user = team.viewer) {
  return callRoute(articleExportRoute as RouteHandler, `/api/v1/articles/${articleId}/export?${query}`, {
    auth: { cookie: await sessionCookie(user) },
    params: { id: articleId },
  });
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  other = await createTeamWithMembers();
  const served = await callJson(schemaRoute as unknown as RouteHandler, "/api/v1/schema/export.json");
  validateSchema = addJsonSchemaFormats(new Ajv({ strict: true, allErrors: true })).compile(served.body);
  articleId = (
    await createArticle({
      actor: team.admin.actor,
      teamSlug: team.slug,
      input: {
        title: "Coalition airstrikes",
        byline: "Jane Reporter",
        sourceUrl: "https://news.example/airstrikes",
        publishedAt: "2026-11-20T08:00:00Z",
        format: "text",
        content: `${DEMO_TEXT}\n\n${LONG_CLAIM}`,
      },
    })
  ).id;
  secondArticleId = (
    await createArticle({
      actor: team.admin.actor,
      teamSlug: team.slug,
      input: { title: "Second", format: "text", content: "Unemployment fell to 3 percent last year." },
    })
  ).id;
  ids.numeric = await tag(articleId, "34,573 airstrikes", "fact", "APPROVED");
  ids.unverifiable = await tag(articleId, "at least 1,335 civilians", "fact", "APPROVED");
  ids.long = await tag(articleId, LONG_CLAIM, "fact", "APPROVED");
  ids.noVerdict = await tag(articleId, "coalition", "fact", "APPROVED");
  ids.pending = await tag(articleId, "a corrupt government", "fact");
  ids.opinion = await tag(articleId, "They must have the 100% support", "opinion", "APPROVED");
  ids.second = await tag(secondArticleId, "fell to 3 percent", "fact", "APPROVED");
  await rule(ids.numeric, "Mostly true");
  await rule(ids.unverifiable, "Unverifiable");
  await rule(ids.long, "False");
  await rule(ids.second, "True");
  await evidence(ids.pending);
  await evidence(ids.opinion);
  // Another team's verdict never shows in this team's exports.
  const otherArticle = await createArticle({
    actor: other.admin.actor,
    teamSlug: other.slug,
    input: { title: "Other", format: "text", content: "Other team claim about 34,573 airstrikes." },
  });
  const { text } = await db.article.findUniqueOrThrow({ where: { id: otherArticle.id } });
  const start = text.indexOf("34,573");
  const foreign = await createAnnotation({
    actor: other.annotator.actor,
    articleId: otherArticle.id,
    input: { label: "fact", start, end: start + 6 },
  });
  await db.annotation.update({ where: { id: foreign.id }, data: { status: "APPROVED" } });
  const foreignEvidence = await db.evidence.create({
    data: {
      annotationId: foreign.id,
      relation: "CONTRADICTS",
      url: "https://x.example",
      addedById: other.annotator.id,
    },
  });
  await setVerdict({
    actor: other.moderator.actor,
    annotationId: foreign.id,
    input: { rating: "False", conclusion: "OTHER-TEAM", evidenceIds: [foreignEvidence.id] },
  });
});

describe("format=claimreview on an article", () => {
  it("is a JSON-LD array with one ClaimReview per approved fact that has a verdict, checked field by field", async () => {
    const response = await exportArticle("format=claimreview");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    const reviews = (await response.json()) as Array<Record<string, unknown>>;
    expect(Array.isArray(reviews)).toBe(true);
    expect(reviews).toHaveLength(3);
    const quotes = [
      ["34,573 airstrikes", { label: "Mostly true", value: 4 }],
      ["at least 1,335 civilians", { label: "Unverifiable", value: null }],
      [LONG_CLAIM, { label: "False", value: 1 }],
    ] as const;
    const articleUrl = `${BASE}/t/${team.slug}/articles/${articleId}`;
    reviews.forEach((review, index) => {
      const [quote, rating] = quotes[index]!;
      expect(
        claimReviewProblems(review, {
          quote,
          rating,
          claimAuthor: "Jane Reporter",
          claimDatePublished: true,
          appearanceUrl: "https://news.example/airstrikes",
          url: articleUrl,
        }),
        quote,
      ).toEqual([]);
      expect(review["@context"]).toBe("https://schema.org");
      expect(review.author).toEqual({ "@type": "Organization", name: team.name, url: BASE });
    });
    expect(reviews[0]!.reviewRating).toEqual({
      "@type": "Rating",
      alternateName: "Mostly true",
      ratingValue: 4,
      bestRating: 5,
      worstRating: 1,
    });
    expect(String(reviews[2]!.claimReviewed).endsWith("…")).toBe(true);
    const text = JSON.stringify(reviews);
    for (const hidden of [
      "PRIVATE-NOTE",
      "a corrupt government",
      "They must have",
      "fell to 3 percent",
      "OTHER-TEAM",
    ]) {
      expect(text).not.toContain(hidden);
    }
    expect(text).not.toContain(team.moderator.name);
  });

  it("takes the organisation name and URL from the team's public profile", async () => {
    await db.teamPublicProfile.create({
      data: {
        teamId: team.id,
        organizationName: "Demo Fact Desk",
        organizationUrl: "https://factdesk.example",
      },
    });
    try {
      const reviews = (await (await exportArticle("format=claimreview")).json()) as Array<
        Record<string, unknown>
      >;
      expect(reviews[0]!.author).toEqual({
        "@type": "Organization",
        name: "Demo Fact Desk",
        url: "https://factdesk.example",
      });
    } finally {
      await db.teamPublicProfile.delete({ where: { teamId: team.id } });
    }
  });

  it("another team gets 404 and an unknown format 400", async () => {
    const outsider = await callRoute(
      articleExportRoute as RouteHandler,
      `/api/v1/articles/${articleId}/export?format=claimreview`,
      {
        auth: { cookie: await sessionCookie(other.admin) },
        params: { id: articleId },
      },
    );
    expect(outsider.status).toBe(404);
    expect((await exportArticle("format=claimreviews")).status).toBe(400);
  });
});

describe("format=claimreview on a team", () => {
  it("streams NDJSON, one ClaimReview per line, of every article of the team and none of another", async () => {
    const response = await callRoute(
      teamExportRoute as RouteHandler,
      `/api/v1/teams/${team.slug}/export?format=claimreview`,
      {
        auth: { cookie: await sessionCookie(team.viewer) },
        params: { team: team.slug },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text()).trim().split("\n");
    expect(lines).toHaveLength(4);
    const reviews = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const review of reviews) expect(claimReviewProblems(review)).toEqual([]);
    expect(reviews.map((review) => review.claimReviewed)).toContain("fell to 3 percent");
    expect(lines.join("\n")).not.toContain("OTHER-TEAM");
  });
});

describe("the verdict in the json and w3c exports", () => {
  it("json: an optional verdict on the annotations that have one; the export validates against the schema", async () => {
    const response = await exportArticle("format=json", team.admin);
    const exported = (await response.json()) as { annotations: Array<Record<string, unknown>> };
    expect(validateSchema(exported), JSON.stringify(validateSchema.errors)).toBe(true);
    const byId = new Map(exported.annotations.map((annotation) => [annotation.id as string, annotation]));
    expect(byId.get(ids.numeric)!.verdict).toMatchObject({
      rating: { label: "Mostly true", value: 4 },
      conclusion: "Checked against **Airwars**.",
      author: { id: team.moderator.id },
    });
    expect((byId.get(ids.numeric)!.verdict as { evidenceIds: string[] }).evidenceIds).toHaveLength(1);
    expect(byId.get(ids.noVerdict)).not.toHaveProperty("verdict");
    expect(byId.get(ids.pending)).not.toHaveProperty("verdict");
  });

  it("w3c: the verdict is a body with purpose assessing, and the W3C MUST assertions still pass", async () => {
    const response = await exportArticle("format=w3c");
    const collection = (await response.json()) as { first: { items: Array<Record<string, unknown>> } };
    const runner = new AssertionRunner();
    for (const item of collection.first.items) expect(failedAnnotationMusts(runner, item)).toEqual([]);
    expect(failedCollectionChecks(suiteAjv(), collection as Record<string, unknown>)).toEqual([]);
    const item = collection.first.items.find((annotation) => String(annotation.id).endsWith(ids.numeric))!;
    const assessing = (item.body as Array<Record<string, unknown>>).find(
      (body) => body.purpose === "assessing",
    );
    expect(assessing).toMatchObject({
      type: "TextualBody",
      value: "Checked against **Airwars**.",
      format: "text/markdown",
      "proofmark:rating": "Mostly true",
      "proofmark:ratingValue": 4,
    });
    const unrated = collection.first.items.find((annotation) =>
      String(annotation.id).endsWith(ids.noVerdict),
    )!;
    expect(
      (unrated.body as Array<Record<string, unknown>>).some((body) => body.purpose === "assessing"),
    ).toBe(false);
  });
});
