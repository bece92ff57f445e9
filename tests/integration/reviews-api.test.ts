import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as reviewsRoute } from "../../app/api/v1/annotations/[id]/reviews/route.ts";
import { db } from "../../lib/db.ts";
import { postAnnotation, postBulkReview, postReview } from "../support/annotation-requests.ts";
import { asUser, callJson, sessionCookie } from "../support/api.ts";
import { connectSynced, eventually, liveAnnotation, type TestClient } from "../support/collab-client.ts";
import { type CollabTestServer, stopLiveCollabServer } from "../support/collab-server.ts";
import { spanOf } from "../support/demo-text.ts";
import { createApiToken, insertTextArticle, type TestTeam, type TestUser } from "../support/factories.ts";
import { startLiveArticleWorld } from "../support/live-article.ts";

let team: TestTeam;
let other: TestTeam;
let articleId: string;
let server: CollabTestServer;
const clients: TestClient[] = [];

async function annotate(
  user: TestUser,
  label: string,
  quote: string,
): Promise<{ id: string; version: number }> {
  const { status, body: created } = await postAnnotation(await asUser(user), articleId, {
    label,
    ...spanOf(quote),
  });
  expect(status).toBe(201);
  return created;
}

async function statusOf(id: string) {
  return db.annotation.findUniqueOrThrow({
    where: { id },
    select: { status: true, label: true, version: true },
  });
}

beforeAll(async () => {
  ({ team, other, articleId, server } = await startLiveArticleWorld({ extra: ["MODERATOR"] }));
});

afterAll(async () => {
  await stopLiveCollabServer(server, clients);
});

describe("POST /api/v1/annotations/{id}/reviews", () => {
  it("refuses viewers and annotators (403) and other teams (404); moderators and admins may review", async () => {
    const a = await annotate(team.annotator, "fact", "34,573 airstrikes");
    expect((await postReview(await asUser(team.viewer), a.id, { decision: "approve" })).status).toBe(403);
    expect((await postReview(await asUser(team.annotator), a.id, { decision: "approve" })).status).toBe(403);
    const outsider = await postReview(await asUser(other.moderator), a.id, { decision: "approve" });
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe("not_found");
    const otherAdmin = await postReview(await asUser(other.admin), a.id, {
      decision: "reject",
      reason: "no",
    });
    expect(otherAdmin.status).toBe(404);
    expect(await statusOf(a.id)).toMatchObject({ status: "PENDING", version: 1 });
    const { status, body: result } = await postReview(await asUser(team.moderator), a.id, {
      decision: "approve",
    });
    expect(status).toBe(201);
    expect(result.annotation).toMatchObject({ id: a.id, status: "approved", version: 2 });
    expect(result.review).toMatchObject({
      decision: "approve",
      toLabel: "fact",
      moderator: { id: team.moderator.id },
    });
    const byAdmin = await postReview(await asUser(team.admin), a.id, {
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
    expect((await postReview({ bearer: readOnly.secret }, a.id, { decision: "approve" })).status).toBe(403);
    const annotatorToken = await createApiToken({
      teamId: team.id,
      createdById: team.annotator.id,
      scopes: ["READ", "REVIEW"],
    });
    expect((await postReview({ bearer: annotatorToken.secret }, a.id, { decision: "approve" })).status).toBe(
      403,
    );
    const otherTeamToken = await createApiToken({
      teamId: other.id,
      createdById: other.admin.id,
      scopes: ["REVIEW"],
    });
    expect((await postReview({ bearer: otherTeamToken.secret }, a.id, { decision: "approve" })).status).toBe(
      404,
    );
    const reviewer = await createApiToken({
      teamId: team.id,
      createdById: team.moderator.id,
      scopes: ["REVIEW"],
    });
    const ok = await postReview({ bearer: reviewer.secret }, a.id, { decision: "approve" });
    expect(ok.status).toBe(201);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { entityId: a.id, action: "annotation.approve" },
    });
    expect(audit.tokenId).toBe(reviewer.id);
    expect(audit.actorId).toBe(team.moderator.id);
  });

  it("a moderator cannot approve, relabel or reject their own annotation (403)", async () => {
    const own = await annotate(team.moderator, "fact", "at least 1,335 civilians");
    const auth = await asUser(team.moderator);
    for (const input of [
      { decision: "approve" },
      { decision: "relabel", label: "opinion", reason: "second thoughts" },
      { decision: "reject", reason: "mine" },
    ]) {
      const { status, body: error } = await postReview(auth, own.id, input);
      expect(status).toBe(403);
      expect(error.error.message).toMatch(/own annotation/);
    }
    const adminOwn = await annotate(team.admin, "fact", "34,573");
    expect((await postReview(await asUser(team.admin), adminOwn.id, { decision: "approve" })).status).toBe(
      403,
    );
    expect(await db.review.count({ where: { annotationId: { in: [own.id, adminOwn.id] } } })).toBe(0);
    // Another moderator may.
    expect((await postReview(await asUser(team.members[4]!), own.id, { decision: "approve" })).status).toBe(
      201,
    );
  });

  it("requires a reason to reject or relabel, and a different label to relabel (400)", async () => {
    const a = await annotate(team.annotator, "advocacy", "They must have the 100% support");
    const auth = await asUser(team.moderator);
    const noReason = await postReview(auth, a.id, { decision: "reject" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/reason/);
    expect((await postReview(auth, a.id, { decision: "reject", reason: "   " })).status).toBe(400);
    expect((await postReview(auth, a.id, { decision: "relabel", label: "opinion" })).status).toBe(400);
    expect((await postReview(auth, a.id, { decision: "relabel", reason: "why" })).status).toBe(400);
    expect(
      (await postReview(auth, a.id, { decision: "relabel", label: "advocacy", reason: "same" })).status,
    ).toBe(400);
    expect((await postReview(auth, a.id, { decision: "maybe" })).status).toBe(400);
    expect((await postReview(auth, a.id, { decision: "approve", version: 7 })).status).toBe(409);
    expect(await statusOf(a.id)).toMatchObject({ status: "PENDING", label: "ADVOCACY", version: 1 });
    const relabel = await postReview(auth, a.id, {
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
    const { status } = await postReview(await asUser(team.moderator), a.id, {
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
      auth: await asUser(team.viewer),
      params: { id: a.id },
    });
    expect(listed.status).toBe(200);
    expect(listed.body.reviews).toEqual([
      expect.objectContaining({ decision: "reject", reason: "Not a claim", moderator: expect.any(Object) }),
    ]);
  });

  it("a connected client sees the new status and the reason live", async () => {
    const a = await annotate(team.annotator, "opinion", "corrupt government");
    const client = await connectSynced(
      clients,
      server.url,
      `article.${articleId}.annotations`,
      await sessionCookie(team.annotator),
    );
    const live = () => liveAnnotation(client.doc, a.id);
    await eventually(() => live()?.status === "pending", "the client has the pending annotation");
    await postReview(await asUser(team.moderator), a.id, {
      decision: "reject",
      reason: "Quote is out of context",
    });
    await eventually(() => live()?.status === "rejected", "the client sees the rejection");
    expect(live()?.review).toMatchObject({ decision: "reject", reason: "Quote is out of context" });
  });
});

describe("POST /api/v1/teams/{team}/reviews/bulk", () => {
  it("applies one decision to the whole selection", async () => {
    const first = await annotate(team.annotator, "fact", "2014");
    const second = await annotate(team.annotator, "fact", "Iraq");
    const { status, body: result } = await postBulkReview(await asUser(team.moderator), team.slug, {
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
    const otherArticle = await insertTextArticle({
      teamId: other.id,
      importedById: other.admin.id,
      title: "X",
    });
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
    const auth = await asUser(team.moderator);
    const before = await db.auditEvent.count();
    const ownIncluded = await postBulkReview(auth, team.slug, {
      annotationIds: [theirs.id, mine.id],
      decision: "reject",
      reason: "x",
    });
    expect(ownIncluded.status).toBe(403);
    const foreignIncluded = await postBulkReview(auth, team.slug, {
      annotationIds: [theirs.id, foreign.id],
      decision: "reject",
      reason: "x",
    });
    expect(foreignIncluded.status).toBe(404);
    const unknown = await postBulkReview(auth, team.slug, {
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
      (
        await postBulkReview(await asUser(team.annotator), team.slug, {
          annotationIds: [a.id],
          decision: "approve",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await postBulkReview(await asUser(other.moderator), team.slug, {
          annotationIds: [a.id],
          decision: "approve",
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await postBulkReview(await asUser(other.moderator), other.slug, {
          annotationIds: [a.id],
          decision: "approve",
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await postBulkReview(await asUser(team.moderator), team.slug, {
          annotationIds: [a.id],
          decision: "reject",
        })
      ).status,
    ).toBe(400);
    expect(await statusOf(a.id)).toMatchObject({ status: "PENDING" });
  });
});
