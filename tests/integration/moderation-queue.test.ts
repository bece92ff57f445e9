import { beforeAll, describe, expect, it } from "vitest";
import { GET as disagreementsRoute } from "../../app/api/v1/teams/[team]/review-queue/disagreements/route.ts";
import { GET as queueRoute } from "../../app/api/v1/teams/[team]/review-queue/route.ts";
import { POST as settleRoute } from "../../app/api/v1/teams/[team]/review-queue/settle/route.ts";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import type { Label } from "../../lib/generated/prisma/enums.ts";
import { listDisagreements } from "../../lib/moderation/list-disagreements.ts";
import { listReviewQueue, REVIEW_QUEUE_COUNT_CAP } from "../../lib/moderation/list-review-queue.ts";
import { getTeamAccessOrThrow } from "../../lib/teams/access.ts";
import { callJson, sessionCookie, type TestAuth } from "../support/api.ts";
import {
  articleAnchor,
  createTeamWithMembers,
  insertQuotedAnnotation,
  type TestTeam,
  type TestUser,
} from "../support/factories.ts";

const text = "The coalition conducted 34,573 airstrikes. A corrupt government must go! Support them now.";
let team: TestTeam;
let other: TestTeam;
let articleId: string;
let secondArticleId: string;
let bob: TestUser;
let clock = Date.now() - 10 * 3_600_000;

async function tag(author: TestUser, label: Label, quote: string, article = articleId) {
  clock += 60_000;
  return insertQuotedAnnotation({
    teamId: team.id,
    articleId: article,
    authorId: author.id,
    label,
    text,
    quote,
    createdAt: new Date(clock),
  });
}

async function as(user: TestUser): Promise<TestAuth> {
  return { cookie: await sessionCookie(user) };
}

async function queue(user: TestUser, search = "", slug = team.slug) {
  return callJson(queueRoute, `/api/v1/teams/${slug}/review-queue${search}`, {
    auth: await as(user),
    params: { team: slug },
  });
}

async function disagreements(user: TestUser, search = "", slug = team.slug) {
  return callJson(disagreementsRoute, `/api/v1/teams/${slug}/review-queue/disagreements${search}`, {
    auth: await as(user),
    params: { team: slug },
  });
}

let fact: { id: string };
let opinion: { id: string };
let lone: { id: string };

beforeAll(async () => {
  team = await createTeamWithMembers({ extra: ["ANNOTATOR"] });
  other = await createTeamWithMembers();
  bob = team.members[4]!;
  for (const title of ["First", "Second"]) {
    const article = await db.$transaction((tx) =>
      insertArticle(tx, {
        teamId: team.id,
        importedById: team.admin.id,
        title,
        format: "text",
        content: text,
      }),
    );
    if (title === "First") articleId = article.id;
    else secondArticleId = article.id;
  }
  fact = await tag(team.annotator, "FACT", "A corrupt government");
  opinion = await tag(bob, "OPINION", "corrupt government must go");
  lone = await tag(team.annotator, "ADVOCACY", "Support them now.");
  await tag(bob, "FACT", "34,573 airstrikes", secondArticleId);
  await db.evidence.create({
    data: { annotationId: lone.id, relation: "CORROBORATES", url: "https://example.org", addedById: bob.id },
  });
});

describe("GET /api/v1/teams/{team}/review-queue", () => {
  it("lists pending annotations oldest first with context, author, article, evidence and disagreement", async () => {
    const { status, body } = await queue(team.moderator);
    expect(status).toBe(200);
    expect(body.total).toBe(4);
    expect(body.totalIsCapped).toBe(false);
    expect(body.items.map((item: { id: string }) => item.id).slice(0, 3)).toEqual([
      fact.id,
      opinion.id,
      lone.id,
    ]);
    expect(body.items[0]).toMatchObject({
      quote: "A corrupt government",
      prefix: expect.stringContaining("airstrikes."),
      author: { id: team.annotator.id },
      article: { id: articleId, title: "First" },
      inDisagreement: true,
    });
    expect(body.items[2]).toMatchObject({
      inDisagreement: false,
      evidence: { corroborates: 1, contradicts: 0 },
    });
    // The disagreements have their own endpoint; the queue's page carries none.
    expect(body).not.toHaveProperty("disagreements");
  });

  it("filters by article, label, author, evidence, disagreement and age, and sorts newest first", async () => {
    const ids = async (search: string) =>
      (await queue(team.moderator, search)).body.items.map((item: { id: string }) => item.id);
    expect(await ids(`?article=${articleId}`)).toEqual([fact.id, opinion.id, lone.id]);
    expect(await ids("?label=advocacy")).toEqual([lone.id]);
    expect(await ids(`?author=${bob.id}&article=${articleId}`)).toEqual([opinion.id]);
    expect(await ids("?hasEvidence=true")).toEqual([lone.id]);
    expect(await ids(`?disagreement=true`)).toEqual([fact.id, opinion.id]);
    expect((await ids(`?disagreement=false`)).length).toBe(2);
    expect(await ids("?minAgeHours=24")).toEqual([]);
    expect((await ids("?maxAgeHours=24")).length).toBe(4);
    expect((await ids("?sort=newest"))[3]).toBe(fact.id);
    expect((await queue(team.moderator, "?label=nonsense")).status).toBe(400);
    expect((await queue(team.moderator, "?cursor=garbage")).status).toBe(400);
  });

  it("pages with a cursor without repeating or skipping", async () => {
    const first = await queue(team.moderator, "?limit=3");
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await queue(team.moderator, `?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
    expect(new Set(all).size).toBe(4);
  });

  it("is for moderators and admins only: viewer and annotator 403, another team 404", async () => {
    expect((await queue(team.admin)).status).toBe(200);
    expect((await queue(team.annotator)).status).toBe(403);
    expect((await queue(team.viewer)).status).toBe(403);
    expect((await queue(other.moderator)).status).toBe(404);
  });
});

describe("GET /api/v1/teams/{team}/review-queue/disagreements", () => {
  it("lists each open disagreement once with every side and the passage it covers", async () => {
    const { status, body } = await disagreements(team.moderator);
    expect(status).toBe(200);
    expect(body.disagreements).toHaveLength(1);
    const [group] = body.disagreements;
    expect(group.annotations.map((a: { id: string }) => a.id).sort()).toEqual([fact.id, opinion.id].sort());
    expect(group).toMatchObject({
      key: [fact.id, opinion.id].sort().join("."),
      article: { id: articleId, title: "First" },
      text: "A corrupt government must go",
    });
  });

  it("narrows to one article, and an article without one lists none", async () => {
    expect((await disagreements(team.moderator, `?article=${articleId}`)).body.disagreements).toHaveLength(1);
    expect((await disagreements(team.moderator, `?article=${secondArticleId}`)).body.disagreements).toEqual(
      [],
    );
  });

  it("refuses a malformed article id (400), annotators and viewers (403) and another team (404)", async () => {
    const malformed = await disagreements(team.moderator, "?article=not-a-uuid");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/^article: /);
    expect((await disagreements(team.admin)).status).toBe(200);
    expect((await disagreements(team.annotator)).status).toBe(403);
    expect((await disagreements(team.viewer)).status).toBe(403);
    expect((await disagreements(other.moderator)).status).toBe(404);
    expect((await disagreements(other.moderator, "", other.slug)).body.disagreements).toEqual([]);
  });
});

describe("settling a disagreement in one step", () => {
  async function settle(user: TestUser, input: unknown) {
    return callJson(settleRoute, `/api/v1/teams/${team.slug}/review-queue/settle`, {
      method: "POST",
      auth: await as(user),
      params: { team: team.slug },
      body: input,
    });
  }

  it("needs a reason, refuses annotators, and the chosen label wins for every side", async () => {
    expect(
      (await settle(team.moderator, { annotationIds: [fact.id, opinion.id], label: "opinion" })).status,
    ).toBe(400);
    expect(
      (await settle(team.annotator, { annotationIds: [fact.id, opinion.id], label: "opinion", reason: "x" }))
        .status,
    ).toBe(403);
    const { status, body } = await settle(team.moderator, {
      annotationIds: [fact.id, opinion.id],
      label: "opinion",
      reason: "An accusation, not a checkable claim",
    });
    expect(status).toBe(200);
    expect(body.annotations.map((a: { label: string; status: string }) => [a.label, a.status])).toEqual([
      ["opinion", "approved"],
      ["opinion", "approved"],
    ]);
    const reviews = await db.review.findMany({ where: { annotationId: { in: [fact.id, opinion.id] } } });
    expect(reviews.map((review) => review.decision).sort()).toEqual(["APPROVE", "RELABEL"]);
    expect((await disagreements(team.moderator)).body.disagreements).toEqual([]);
    expect((await queue(team.moderator)).body.total).toBe(2);
  });
});

describe("at scale: a capped count and a bounded disagreement search", () => {
  let big: TestTeam;
  let bigArticles: string[];
  let minute = Date.now() - 48 * 3_600_000;

  async function tagIn(article: string, author: TestUser, label: Label, quote: string) {
    const start = text.indexOf(quote);
    minute += 60_000;
    return db.annotation.create({
      data: {
        teamId: big.id,
        articleId: article,
        authorId: author.id,
        label,
        anchor: await articleAnchor(article, start, start + quote.length),
        quote,
        prefix: "",
        suffix: "",
        start,
        end: start + quote.length,
        createdAt: new Date(minute),
      },
    });
  }

  beforeAll(async () => {
    big = await createTeamWithMembers({ extra: ["ANNOTATOR"] });
    bigArticles = [];
    for (const title of ["A", "B", "C"]) {
      const article = await db.$transaction((tx) =>
        insertArticle(tx, {
          teamId: big.id,
          importedById: big.admin.id,
          title,
          format: "text",
          content: text,
        }),
      );
      bigArticles.push(article.id);
    }
    const carol = big.members[4]!;
    // Oldest first: three lone pending tags, then a disagreement in B, then one in C.
    await tagIn(bigArticles[0]!, big.annotator, "FACT", "34,573 airstrikes");
    await tagIn(bigArticles[0]!, big.annotator, "OPINION", "A corrupt government");
    await tagIn(bigArticles[0]!, big.annotator, "ADVOCACY", "Support them now.");
    await tagIn(bigArticles[1]!, big.annotator, "FACT", "A corrupt government");
    await tagIn(bigArticles[1]!, carol, "OPINION", "corrupt government must go");
    await tagIn(bigArticles[2]!, carol, "FACT", "34,573 airstrikes");
    await tagIn(bigArticles[2]!, big.annotator, "ADVOCACY", "conducted 34,573");
  });

  it("counts up to the cap and says when it stopped there", async () => {
    expect(REVIEW_QUEUE_COUNT_CAP).toBe(1000);
    const page = (countCap: number) =>
      listReviewQueue({ actor: big.moderator.actor, teamSlug: big.slug, query: { limit: "2" }, countCap });
    expect(await page(3)).toMatchObject({ total: 3, totalIsCapped: true });
    expect(await page(6)).toMatchObject({ total: 6, totalIsCapped: true });
    expect(await page(7)).toMatchObject({ total: 7, totalIsCapped: false });
    expect(await page(100)).toMatchObject({ total: 7, totalIsCapped: false });
    // The cap counts the filtered matches, and the page itself is unaffected by it.
    const capped = await listReviewQueue({
      actor: big.moderator.actor,
      teamSlug: big.slug,
      query: { article: bigArticles[0], limit: "2" },
      countCap: 1,
    });
    expect(capped).toMatchObject({ total: 1, totalIsCapped: true });
    expect(capped.items).toHaveLength(2);
    expect(capped.nextCursor).toEqual(expect.any(String));
    const route = await callJson(queueRoute, `/api/v1/teams/${big.slug}/review-queue`, {
      auth: { cookie: await sessionCookie(big.moderator) },
      params: { team: big.slug },
    });
    expect(route.body).toMatchObject({ total: 7, totalIsCapped: false });
  });

  it("finds disagreements among the oldest pending tags only, oldest first", async () => {
    const access = await getTeamAccessOrThrow(big.moderator.actor, { slug: big.slug });
    const articlesOf = async (options: Parameters<typeof listDisagreements>[1]) =>
      (await listDisagreements(access, options)).map((group) => group.article.id);
    expect(await articlesOf({})).toEqual([bigArticles[1], bigArticles[2]]);
    expect(await articlesOf({ limit: 1 })).toEqual([bigArticles[1]]);
    // Tags 1-3 are lone: a window of 3 sees no disagreement, 4 sees B's, 6 sees C's too.
    expect(await articlesOf({ window: 3 })).toEqual([]);
    expect(await articlesOf({ window: 4 })).toEqual([bigArticles[1]]);
    expect(await articlesOf({ window: 6 })).toEqual([bigArticles[1], bigArticles[2]]);
    expect(await articlesOf({ articleId: bigArticles[2] })).toEqual([bigArticles[2]]);
    const [first] = await listDisagreements(access, {});
    expect(first!.text).toBe("A corrupt government must go");
    expect(first!.annotations.map((annotation) => annotation.label)).toEqual(["fact", "opinion"]);
  });
});
