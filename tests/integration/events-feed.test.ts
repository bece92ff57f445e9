// Events (the outbox) and the team feed: each use case writes its event in the same transaction
// as its change; the relay places events in commit order; the feed pages through them with a
// cursor, filters by type, and shows nothing of a team to anyone outside it.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as feedRoute } from "../../app/api/v1/teams/[team]/events/route.ts";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { deleteAnnotation } from "../../lib/annotations/delete-annotation.ts";
import { updateAnnotation } from "../../lib/annotations/update-annotation.ts";
import { db } from "../../lib/db.ts";
import { addEvidence } from "../../lib/evidence/add-evidence.ts";
import { removeEvidence } from "../../lib/evidence/remove-evidence.ts";
import { stopJobQueue } from "../../lib/jobs/job-queue.ts";
import { publishArticle, republishArticle } from "../../lib/publications/publish-article.ts";
import { reviewAnnotation } from "../../lib/reviews/review-annotation.ts";
import { getRatingScale } from "../../lib/verdicts/get-rating-scale.ts";
import { setVerdict } from "../../lib/verdicts/set-verdict.ts";
import { relayEvents } from "../../lib/webhooks/relay-events.ts";
import { callJson, sessionCookie, type TestAuth } from "../support/api.ts";
import { spanOf } from "../support/demo-text.ts";
import { createApiToken, createTeamWithMembers, type TestTeam } from "../support/factories.ts";
import { importDemoArticle, startTestJobQueue } from "../support/webhook-fixtures.ts";

let team: TestTeam;
let other: TestTeam;
let queue: Awaited<ReturnType<typeof startTestJobQueue>>;
let articleId: string;
const QUOTE = "at least 1,335 civilians";

async function relayAll() {
  while ((await relayEvents(queue.boss, queue.pool)).events > 0) {}
}

function feed(auth: TestAuth, slug: string, query = "") {
  return callJson(feedRoute, `/api/v1/teams/${slug}/events${query}`, { auth, params: { team: slug } });
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  other = await createTeamWithMembers();
  queue = await startTestJobQueue();
  const article = await importDemoArticle(team.annotator.actor, team.slug);
  articleId = article.id;
  await importDemoArticle(other.annotator.actor, other.slug, "Other team's secret article");
});

afterAll(async () => {
  await stopJobQueue(0);
});

describe("events written by the use cases", () => {
  it("records each change with its event, in order, with ids, labels, quotes and links", async () => {
    const created = await createAnnotation({
      actor: team.annotator.actor,
      articleId,
      input: { label: "fact", ...spanOf(QUOTE), note: "check the count" },
    });
    const updated = await updateAnnotation({
      actor: team.annotator.actor,
      annotationId: created.id,
      input: { note: "checked against the monitor", version: created.version },
    });
    await reviewAnnotation({
      actor: team.moderator.actor,
      annotationId: created.id,
      input: { decision: "approve" },
    });
    const evidence = await addEvidence({
      actor: team.annotator.actor,
      annotationId: created.id,
      input: { relation: "corroborates", url: "https://airwars.org/report", title: "Airwars report" },
    });
    await removeEvidence({ actor: team.annotator.actor, evidenceId: evidence.id });
    const second = await createAnnotation({
      actor: team.annotator.actor,
      articleId,
      input: { label: "opinion", ...spanOf("a corrupt government") },
    });
    await deleteAnnotation({
      actor: team.annotator.actor,
      annotationId: second.id,
      input: { version: second.version },
    });
    expect(updated.version).toBe(2);

    const events = await db.event.findMany({ where: { teamId: team.id }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.type)).toEqual([
      "article.created",
      "annotation.created",
      "annotation.updated",
      "annotation.reviewed",
      "evidence.added",
      "evidence.removed",
      "annotation.created",
      "annotation.deleted",
    ]);
    const reviewed = events[3]!.payload as {
      type: string;
      timestamp: string;
      data: Record<string, Record<string, unknown>>;
    };
    expect(reviewed.type).toBe("annotation.reviewed");
    expect(Number.isNaN(Date.parse(reviewed.timestamp))).toBe(false);
    expect(reviewed.data.annotation).toMatchObject({
      id: created.id,
      label: "fact",
      status: "approved",
      quote: QUOTE,
    });
    expect(reviewed.data.article).toMatchObject({ id: articleId, title: "US-Led Coalition Airstrikes" });
    expect(reviewed.data.article?.url).toMatch(new RegExp(`/t/${team.slug}/articles/${articleId}$`));
    expect(reviewed.data.actor).toMatchObject({ id: team.moderator.id, name: team.moderator.name });
    expect(reviewed.data.review).toMatchObject({ decision: "approve", fromLabel: "fact", toLabel: "fact" });
    const annotationCreated = events[1]!.payload as { data: Record<string, Record<string, unknown>> };
    expect(annotationCreated.data.article).toMatchObject({
      id: articleId,
      title: "US-Led Coalition Airstrikes",
    });
    expect(annotationCreated.data.annotation).toMatchObject({
      id: created.id,
      quote: QUOTE,
      note: "check the count",
    });
    const added = events[4]!.payload as { data: Record<string, Record<string, unknown>> };
    expect(added.data.evidence).toMatchObject({
      id: evidence.id,
      relation: "corroborates",
      url: "https://airwars.org/report",
    });
    // Nothing secret travels: no hashes, no emails.
    const all = JSON.stringify(events.map((event) => event.payload));
    expect(all).not.toMatch(/passwordHash|tokenHash|\$2[aby]\$/);
    expect(all).not.toContain(team.annotator.email);
  });

  it("reports verdicts and publication (verdict.published, article.published) with the ruling and the public link", async () => {
    const fact = await createAnnotation({
      actor: team.annotator.actor,
      articleId,
      input: { label: "fact", ...spanOf("34,573 airstrikes") },
    });
    await reviewAnnotation({
      actor: team.moderator.actor,
      annotationId: fact.id,
      input: { decision: "approve" },
    });
    const evidence = await addEvidence({
      actor: team.annotator.actor,
      annotationId: fact.id,
      input: { relation: "corroborates", url: "https://example.org/count", title: "The count" },
    });
    const scale = await getRatingScale({ actor: team.moderator.actor, teamSlug: team.slug });
    const rating = scale.items.find((item) => item.label === "True")!;
    await setVerdict({
      actor: team.moderator.actor,
      annotationId: fact.id,
      input: { rating: rating.id, conclusion: "The count matches.", evidenceIds: [evidence.id] },
    });
    const published = await publishArticle({ actor: team.moderator.actor, articleId });
    await republishArticle({ actor: team.moderator.actor, articleId });

    const events = await db.event.findMany({
      where: { teamId: team.id, type: { in: ["verdict.published", "article.published"] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => event.type)).toEqual([
      "verdict.published",
      "article.published",
      "article.published",
    ]);
    const [verdict, first, second] = events.map(
      (event) => (event.payload as { data: Record<string, Record<string, unknown>> }).data,
    );
    expect(verdict!.annotation).toMatchObject({ id: fact.id, label: "fact", quote: "34,573 airstrikes" });
    expect(verdict!.verdict).toMatchObject({
      change: "created",
      rating: "True",
      conclusion: "The count matches.",
      evidenceIds: [evidence.id],
    });
    expect(first!.article).toMatchObject({ id: articleId, title: "US-Led Coalition Airstrikes" });
    expect(first!.publication).toMatchObject({ publicId: published.publicId, republished: false });
    expect(second!.publication).toMatchObject({ publicId: published.publicId, republished: true });
    expect(first!.actor).toMatchObject({ id: team.moderator.id, name: team.moderator.name });
    // Another team's feed holds none of it.
    expect(await db.event.count({ where: { teamId: other.id, type: "verdict.published" } })).toBe(0);
  });

  it("writes no event when the change fails (same transaction)", async () => {
    const before = await db.event.count({ where: { teamId: team.id } });
    const created = await createAnnotation({
      actor: team.annotator.actor,
      articleId,
      input: { label: "fact", ...spanOf("34,573 airstrikes") },
    });
    await expect(
      updateAnnotation({
        actor: team.annotator.actor,
        annotationId: created.id,
        input: { note: "x", version: 99 },
      }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    await expect(
      reviewAnnotation({
        actor: team.annotator.actor,
        annotationId: created.id,
        input: { decision: "approve" },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.event.count({ where: { teamId: team.id } })).toBe(before + 1);
  });
});

describe("the feed", () => {
  it("pages through the team's events with a cursor and resumes without gaps", async () => {
    await relayAll();
    const viewer: TestAuth = { cookie: await sessionCookie(team.viewer) };
    const total = await db.event.count({ where: { teamId: team.id } });
    const seen: string[] = [];
    let cursor = "";
    for (let page = 0; page < 20; page++) {
      const { status, body } = await feed(viewer, team.slug, `?limit=3${cursor ? `&after=${cursor}` : ""}`);
      expect(status).toBe(200);
      if (body.events.length === 0) break;
      expect(body.events.length).toBeLessThanOrEqual(3);
      seen.push(...body.events.map((event: { id: string }) => event.id));
      cursor = body.nextCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    // Nothing of the other team.
    const first = await feed(viewer, team.slug, "?limit=500");
    expect(JSON.stringify(first.body)).not.toContain("Other team's secret article");
    expect(first.body.events[0]).toMatchObject({
      type: "article.created",
      id: expect.stringMatching(/^evt_\d+$/),
    });

    // Resuming from the last cursor: only what happened since.
    await createAnnotation({
      actor: team.annotator.actor,
      articleId,
      input: { label: "advocacy", ...spanOf("working people of the world") },
    });
    await relayAll();
    const resumed = await feed(viewer, team.slug, `?after=${cursor}`);
    expect(resumed.body.events.map((event: { type: string }) => event.type)).toEqual(["annotation.created"]);
    const again = await feed(viewer, team.slug, `?after=${resumed.body.nextCursor}`);
    expect(again.body).toEqual({ events: [], nextCursor: resumed.body.nextCursor });
  });

  it("never hands out a position below one already seen (an event committing late comes after it)", async () => {
    await relayAll();
    const viewer: TestAuth = { cookie: await sessionCookie(team.viewer) };
    const start = (await feed(viewer, team.slug, "?limit=500")).body.nextCursor;
    // A transaction that inserts an event first (lower id) and commits last.
    const slow = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await slow.connect();
    await slow.query("BEGIN");
    await slow.query(
      `INSERT INTO "Event" ("teamId", type, payload) VALUES ($1, 'article.updated', '{"type":"article.updated","timestamp":"2026-12-06T00:00:00Z","data":{"late":true}}')`,
      [team.id],
    );
    await createAnnotation({
      actor: team.annotator.actor,
      articleId,
      input: { label: "fact", ...spanOf("34,573 airstrikes") },
    });
    await relayAll();
    const early = await feed(viewer, team.slug, `?after=${start}`);
    expect(early.body.events.map((event: { type: string }) => event.type)).toEqual(["annotation.created"]);
    await slow.query("COMMIT");
    await slow.end();
    await relayAll();
    const late = await feed(viewer, team.slug, `?after=${early.body.nextCursor}`);
    expect(late.body.events).toHaveLength(1);
    expect(late.body.events[0].data).toEqual({ late: true });
  });

  it("filters by type and validates its query", async () => {
    const viewer: TestAuth = { cookie: await sessionCookie(team.viewer) };
    const only = await feed(viewer, team.slug, "?types=annotation.reviewed,evidence.added&limit=500");
    expect(only.status).toBe(200);
    expect(new Set(only.body.events.map((event: { type: string }) => event.type))).toEqual(
      new Set(["annotation.reviewed", "evidence.added"]),
    );
    for (const query of ["?types=annotation.exploded", "?after=abc", "?limit=0", "?limit=501", "?after=-1"]) {
      const { status, body } = await feed(viewer, team.slug, query);
      expect(status, query).toBe(400);
      expect(body.error.code).toBe("invalid_input");
    }
  });

  it("admits tokens with read, refuses tokens without it (403) and outsiders (404)", async () => {
    const reader = await createApiToken({ teamId: team.id, createdById: team.viewer.id, scopes: ["READ"] });
    const annotator = await createApiToken({
      teamId: team.id,
      createdById: team.annotator.id,
      scopes: ["ANNOTATE"],
    });
    const outsider = await createApiToken({
      teamId: other.id,
      createdById: other.admin.id,
      scopes: ["READ", "EXPORT"],
    });
    expect((await feed({ bearer: reader.secret }, team.slug)).status).toBe(200);
    expect((await feed({ bearer: annotator.secret }, team.slug)).status).toBe(403);
    const foreign = await feed({ bearer: outsider.secret }, team.slug);
    expect(foreign.status).toBe(404);
    const foreignSession = await feed({ cookie: await sessionCookie(other.admin) }, team.slug);
    expect(foreignSession.status).toBe(404);
    expect(JSON.stringify(foreignSession.body)).not.toContain(QUOTE);
    expect((await feed({ cookie: await sessionCookie(other.admin) }, "no-such-team")).status).toBe(404);
    expect((await feed(null, team.slug)).status).toBe(401);
  });
});
