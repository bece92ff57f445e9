import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as reviewRoute, GET as reviewsRoute } from "../../app/api/v1/annotations/[id]/reviews/route.ts";
import { POST as createRoute } from "../../app/api/v1/articles/[id]/annotations/route.ts";
import { POST as bulkRoute } from "../../app/api/v1/teams/[team]/reviews/bulk/route.ts";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { createAnnotationStateExtension } from "../../lib/collab/annotation-state.ts";
import { createBodyPersistenceExtension } from "../../lib/collab/body-persistence.ts";
import { registerCollabInstance } from "../../lib/collab/instance.ts";
import { db } from "../../lib/db.ts";
import { callJson, sessionCookie, type TestAuth } from "../support/api.ts";
import { connectTestClient, eventually, liveAnnotation, type TestClient } from "../support/collab-client.ts";
import { type CollabTestServer, startCollabTestServer } from "../support/collab-server.ts";
import { createApiToken, createTeamWithMembers, type TestTeam, type TestUser } from "../support/factories.ts";

const demo = readFileSync(
  new URL("../../prisma/seed-data/coalition-airstrikes.txt", import.meta.url),
  "utf8",
);
const body = demo.slice(demo.indexOf("\n")).trim();

let team: TestTeam;
let other: TestTeam;
let articleId: string;
let server: CollabTestServer;
const clients: TestClient[] = [];

async function as(user: TestUser): Promise<TestAuth> {
  return { cookie: await sessionCookie(user) };
}

function span(quote: string) {
  const start = body.indexOf(quote);
  if (start < 0) throw new Error(`not in the demo text: ${quote}`);
  return { start, end: start + quote.length };
}

async function annotate(
  user: TestUser,
  label: string,
  quote: string,
): Promise<{ id: string; version: number }> {
  const { status, body: created } = await callJson(createRoute, `/api/v1/articles/${articleId}/annotations`, {
    method: "POST",
    auth: await as(user),
    params: { id: articleId },
    body: { label, ...span(quote) },
  });
  expect(status).toBe(201);
  return created;
}

async function review(auth: TestAuth, annotationId: string, input: unknown) {
  return callJson(reviewRoute, `/api/v1/annotations/${annotationId}/reviews`, {
    method: "POST",
    auth,
    params: { id: annotationId },
    body: input,
  });
}

async function bulk(auth: TestAuth, slug: string, input: unknown) {
  return callJson(bulkRoute, `/api/v1/teams/${slug}/reviews/bulk`, {
    method: "POST",
    auth,
    params: { team: slug },
    body: input,
  });
}

async function statusOf(id: string) {
  return db.annotation.findUniqueOrThrow({
    where: { id },
    select: { status: true, label: true, version: true },
  });
}

beforeAll(async () => {
  team = await createTeamWithMembers({ extra: ["MODERATOR"] });
  other = await createTeamWithMembers();
  const article = await db.$transaction((tx) =>
    insertArticle(tx, {
      teamId: team.id,
      importedById: team.admin.id,
      title: "Demo",
      format: "text",
      content: body,
    }),
  );
  articleId = article.id;
  server = await startCollabTestServer({
    extensions: [createBodyPersistenceExtension(), createAnnotationStateExtension()],
    debounce: 50,
    maxDebounce: 200,
  });
  registerCollabInstance(server.hocuspocus);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  registerCollabInstance(undefined);
  await server.close();
});

describe("POST /api/v1/annotations/{id}/reviews", () => {
  it("refuses viewers and annotators (403) and other teams (404); moderators and admins may review", async () => {
    const a = await annotate(team.annotator, "fact", "34,573 airstrikes");
    expect((await review(await as(team.viewer), a.id, { decision: "approve" })).status).toBe(403);
    expect((await review(await as(team.annotator), a.id, { decision: "approve" })).status).toBe(403);
    const outsider = await review(await as(other.moderator), a.id, { decision: "approve" });
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe("not_found");
    const otherAdmin = await review(await as(other.admin), a.id, { decision: "reject", reason: "no" });
    expect(otherAdmin.status).toBe(404);
    expect(await statusOf(a.id)).toMatchObject({ status: "PENDING", version: 1 });
    const { status, body: result } = await review(await as(team.moderator), a.id, { decision: "approve" });
    expect(status).toBe(201);
    expect(result.annotation).toMatchObject({ id: a.id, status: "approved", version: 2 });
    expect(result.review).toMatchObject({
      decision: "approve",
      toLabel: "fact",
      moderator: { id: team.moderator.id },
    });
    const byAdmin = await review(await as(team.admin), a.id, {
      decision: "reject",
      reason: "Figure is disputed",
    });
    expect(byAdmin.status).toBe(201);
    expect(await statusOf(a.id)).toMatchObject({ status: "REJECTED", version: 3 });
  });

  it("honours token scopes: review scope needed, and the creator's role caps it", async () => {
    const a = await annotate(team.annotator, "opinion", "a corrupt government");
    const readOnly = await createApiToken({
      teamId: team.id,
      createdById: team.moderator.id,
      scopes: ["READ"],
    });
    expect((await review({ bearer: readOnly.secret }, a.id, { decision: "approve" })).status).toBe(403);
    const annotatorToken = await createApiToken({
      teamId: team.id,
      createdById: team.annotator.id,
      scopes: ["READ", "REVIEW"],
    });
    expect((await review({ bearer: annotatorToken.secret }, a.id, { decision: "approve" })).status).toBe(403);
    const otherTeamToken = await createApiToken({
      teamId: other.id,
      createdById: other.admin.id,
      scopes: ["REVIEW"],
    });
    expect((await review({ bearer: otherTeamToken.secret }, a.id, { decision: "approve" })).status).toBe(404);
    const reviewer = await createApiToken({
      teamId: team.id,
      createdById: team.moderator.id,
      scopes: ["REVIEW"],
    });
    const ok = await review({ bearer: reviewer.secret }, a.id, { decision: "approve" });
    expect(ok.status).toBe(201);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { entityId: a.id, action: "annotation.approve" },
    });
    expect(audit.tokenId).toBe(reviewer.id);
    expect(audit.actorId).toBe(team.moderator.id);
  });

  it("a moderator cannot approve, relabel or reject their own annotation (403)", async () => {
    const own = await annotate(team.moderator, "fact", "at least 1,335 civilians");
    const auth = await as(team.moderator);
    for (const input of [
      { decision: "approve" },
      { decision: "relabel", label: "opinion", reason: "second thoughts" },
      { decision: "reject", reason: "mine" },
    ]) {
      const { status, body: error } = await review(auth, own.id, input);
      expect(status).toBe(403);
      expect(error.error.message).toMatch(/own annotation/);
    }
    const adminOwn = await annotate(team.admin, "fact", "34,573");
    expect((await review(await as(team.admin), adminOwn.id, { decision: "approve" })).status).toBe(403);
    expect(await db.review.count({ where: { annotationId: { in: [own.id, adminOwn.id] } } })).toBe(0);
    // Another moderator may.
    expect((await review(await as(team.members[4]!), own.id, { decision: "approve" })).status).toBe(201);
  });

  it("requires a reason to reject or relabel, and a different label to relabel (400)", async () => {
    const a = await annotate(team.annotator, "advocacy", "They must have the 100% support");
    const auth = await as(team.moderator);
    const noReason = await review(auth, a.id, { decision: "reject" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/reason/);
    expect((await review(auth, a.id, { decision: "reject", reason: "   " })).status).toBe(400);
    expect((await review(auth, a.id, { decision: "relabel", label: "opinion" })).status).toBe(400);
    expect((await review(auth, a.id, { decision: "relabel", reason: "why" })).status).toBe(400);
    expect(
      (await review(auth, a.id, { decision: "relabel", label: "advocacy", reason: "same" })).status,
    ).toBe(400);
    expect((await review(auth, a.id, { decision: "maybe" })).status).toBe(400);
    expect((await review(auth, a.id, { decision: "approve", version: 7 })).status).toBe(409);
    expect(await statusOf(a.id)).toMatchObject({ status: "PENDING", label: "ADVOCACY", version: 1 });
    const relabel = await review(auth, a.id, {
      decision: "relabel",
      label: "opinion",
      reason: "A call to action framed as a view",
      version: 1,
    });
    expect(relabel.status).toBe(201);
    expect(relabel.body.annotation).toMatchObject({ label: "opinion", status: "approved" });
    expect(relabel.body.review).toMatchObject({
      decision: "relabel",
      fromLabel: "advocacy",
      toLabel: "opinion",
    });
  });

  it("writes the review, the audit event and the author's notification together; lists reviews", async () => {
    const a = await annotate(team.annotator, "fact", "levelled both Mosul");
    const { status } = await review(await as(team.moderator), a.id, {
      decision: "reject",
      reason: "Not a claim",
    });
    expect(status).toBe(201);
    const reviews = await db.review.findMany({ where: { annotationId: a.id } });
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      decision: "REJECT",
      reason: "Not a claim",
      moderatorId: team.moderator.id,
    });
    const audit = await db.auditEvent.findMany({ where: { entityId: a.id }, orderBy: { id: "asc" } });
    expect(audit.map((event) => event.action)).toEqual(["annotation.create", "annotation.reject"]);
    expect(audit[1]!.before).toMatchObject({ status: "pending" });
    expect(audit[1]!.after).toMatchObject({ status: "rejected", reason: "Not a claim" });
    const notes = await db.notification.findMany({ where: { annotationId: a.id } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ userId: team.annotator.id, kind: "annotation.reviewed" });
    const listed = await callJson(reviewsRoute, `/api/v1/annotations/${a.id}/reviews`, {
      auth: await as(team.viewer),
      params: { id: a.id },
    });
    expect(listed.status).toBe(200);
    expect(listed.body.reviews).toEqual([
      expect.objectContaining({ decision: "reject", reason: "Not a claim", moderator: expect.any(Object) }),
    ]);
  });

  it("a connected client sees the new status and the reason live", async () => {
    const a = await annotate(team.annotator, "opinion", "corrupt government");
    const client = connectTestClient(
      server.url,
      `article.${articleId}.annotations`,
      await sessionCookie(team.annotator),
    );
    clients.push(client);
    expect((await client.outcome).authenticated).toBe(true);
    await client.synced();
    const live = () => liveAnnotation(client.doc, a.id);
    await eventually(() => live()?.status === "pending", "the client has the pending annotation");
    await review(await as(team.moderator), a.id, { decision: "reject", reason: "Quote is out of context" });
    await eventually(() => live()?.status === "rejected", "the client sees the rejection");
    expect(live()?.review).toMatchObject({ decision: "reject", reason: "Quote is out of context" });
  });
});

describe("POST /api/v1/teams/{team}/reviews/bulk", () => {
  it("applies one decision to the whole selection", async () => {
    const first = await annotate(team.annotator, "fact", "2014");
    const second = await annotate(team.annotator, "fact", "Iraq");
    const { status, body: result } = await bulk(await as(team.moderator), team.slug, {
      annotationIds: [first.id, second.id],
      decision: "approve",
    });
    expect(status).toBe(200);
    expect(result.annotations.map((a: { status: string }) => a.status)).toEqual(["approved", "approved"]);
    expect(await db.review.count({ where: { annotationId: { in: [first.id, second.id] } } })).toBe(2);
  });

  it("is atomic: one invalid item (own annotation, unknown or other team's id) changes nothing", async () => {
    const mine = await annotate(team.moderator, "opinion", "Syria");
    const theirs = await annotate(team.annotator, "opinion", "civilians");
    const otherArticle = await db.$transaction((tx) =>
      insertArticle(tx, {
        teamId: other.id,
        importedById: other.admin.id,
        title: "X",
        format: "text",
        content: body,
      }),
    );
    const foreign = await db.annotation.create({
      data: {
        teamId: other.id,
        articleId: otherArticle.id,
        authorId: other.annotator.id,
        label: "FACT",
        anchor: {},
        quote: "x",
        prefix: "",
        suffix: "",
        start: 0,
        end: 1,
      },
    });
    const auth = await as(team.moderator);
    const before = await db.auditEvent.count();
    const ownIncluded = await bulk(auth, team.slug, {
      annotationIds: [theirs.id, mine.id],
      decision: "reject",
      reason: "x",
    });
    expect(ownIncluded.status).toBe(403);
    const foreignIncluded = await bulk(auth, team.slug, {
      annotationIds: [theirs.id, foreign.id],
      decision: "reject",
      reason: "x",
    });
    expect(foreignIncluded.status).toBe(404);
    const unknown = await bulk(auth, team.slug, {
      annotationIds: [theirs.id, "00000000-0000-4000-8000-000000000000"],
      decision: "approve",
    });
    expect(unknown.status).toBe(404);
    expect(await statusOf(theirs.id)).toMatchObject({ status: "PENDING", version: 1 });
    expect(await statusOf(foreign.id)).toMatchObject({ status: "PENDING", version: 1 });
    expect(await db.review.count({ where: { annotationId: { in: [theirs.id, mine.id, foreign.id] } } })).toBe(
      0,
    );
    expect(await db.notification.count({ where: { annotationId: theirs.id } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("refuses annotators (403), other teams (404) and a missing reason (400)", async () => {
    const a = await annotate(team.annotator, "fact", "airstrikes");
    expect(
      (await bulk(await as(team.annotator), team.slug, { annotationIds: [a.id], decision: "approve" }))
        .status,
    ).toBe(403);
    expect(
      (await bulk(await as(other.moderator), team.slug, { annotationIds: [a.id], decision: "approve" }))
        .status,
    ).toBe(404);
    expect(
      (await bulk(await as(other.moderator), other.slug, { annotationIds: [a.id], decision: "approve" }))
        .status,
    ).toBe(404);
    expect(
      (await bulk(await as(team.moderator), team.slug, { annotationIds: [a.id], decision: "reject" })).status,
    ).toBe(400);
    expect(await statusOf(a.id)).toMatchObject({ status: "PENDING" });
  });
});
