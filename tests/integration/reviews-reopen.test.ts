// Issue 21 item 10: decisions are visible and can be reopened. The queue's approved and rejected
// views carry each annotation's latest decision (what, who, when, why); a moderator reopens a
// decided annotation (back to pending, audited, its author notified); notifications say which
// article and passage they are about and link there.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as reopenRoute } from "../../app/api/v1/annotations/[id]/reopen/route.ts";
import { GET as notificationsRoute } from "../../app/api/v1/notifications/route.ts";
import { GET as queueRoute } from "../../app/api/v1/teams/[team]/review-queue/route.ts";
import { db } from "../../lib/db.ts";
import { reopenAnnotation } from "../../lib/reviews/reopen-annotation.ts";
import { postReview } from "../support/annotation-requests.ts";
import { asUser, callJson, type TestAuth } from "../support/api.ts";
import { DEMO_TEXT as body } from "../support/demo-text.ts";
import {
  createApiToken,
  createTeamWithMembers,
  insertQuotedAnnotation,
  insertTextArticle,
  type TestTeam,
  type TestUser,
} from "../support/factories.ts";

let team: TestTeam;
let other: TestTeam;
let articleId: string;
let articleTitle: string;

async function tag(author: TestUser, quote: string) {
  return insertQuotedAnnotation({
    teamId: team.id,
    articleId,
    authorId: author.id,
    label: "FACT",
    text: body,
    quote,
  });
}

async function reopen(auth: TestAuth, id: string, input: unknown = {}) {
  return callJson(reopenRoute, `/api/v1/annotations/${id}/reopen`, {
    method: "POST",
    auth,
    params: { id },
    body: input,
  });
}

async function queue(auth: TestAuth, query: string) {
  return callJson(queueRoute, `/api/v1/teams/${team.slug}/review-queue?${query}`, {
    auth,
    params: { team: team.slug },
  });
}

async function statusOf(id: string) {
  return db.annotation.findUniqueOrThrow({
    where: { id },
    select: { status: true, version: true, label: true },
  });
}

beforeAll(async () => {
  team = await createTeamWithMembers({ extra: ["MODERATOR"] });
  other = await createTeamWithMembers();
  const article = await insertTextArticle({
    teamId: team.id,
    importedById: team.admin.id,
    title: "Coalition airstrikes",
  });
  articleId = article.id;
  articleTitle = article.title;
});

describe("the queue's decided views", () => {
  it("carry the latest decision: what, who, when and why; pending ones have none", async () => {
    const rejected = await tag(team.annotator, "34,573 airstrikes");
    const relabelled = await tag(team.annotator, "a corrupt government");
    const pending = await tag(team.annotator, "at least 1,335 civilians");
    const moderator = await asUser(team.moderator);
    expect((await postReview(moderator, rejected.id, { decision: "approve" })).status).toBe(201);
    expect(
      (
        await postReview(await asUser(team.admin), rejected.id, {
          decision: "reject",
          reason: "Figure disputed",
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await postReview(moderator, relabelled.id, {
          decision: "relabel",
          label: "opinion",
          reason: "A judgement",
        })
      ).status,
    ).toBe(201);

    const rejectedView = await queue(moderator, "status=rejected");
    expect(rejectedView.status).toBe(200);
    const item = rejectedView.body.items.find((one: { id: string }) => one.id === rejected.id);
    // The latest decision, not the first one.
    expect(item.lastReview).toMatchObject({
      decision: "reject",
      reason: "Figure disputed",
      moderator: { id: team.admin.id, name: team.admin.name },
    });
    expect(Date.parse(item.lastReview.createdAt)).not.toBeNaN();

    const approvedView = await queue(moderator, "status=approved");
    const relabelledItem = approvedView.body.items.find((one: { id: string }) => one.id === relabelled.id);
    expect(relabelledItem.lastReview).toMatchObject({
      decision: "relabel",
      fromLabel: "fact",
      toLabel: "opinion",
      reason: "A judgement",
      moderator: { id: team.moderator.id },
    });

    const pendingView = await queue(moderator, "status=pending");
    const pendingItem = pendingView.body.items.find((one: { id: string }) => one.id === pending.id);
    expect(pendingItem.lastReview).toBeNull();
  });
});

describe("POST /api/v1/annotations/{id}/reopen", () => {
  it("puts a rejected annotation back to pending, audited, and notifies its author", async () => {
    const a = await tag(team.annotator, "They must have the 100% support");
    expect(
      (await postReview(await asUser(team.moderator), a.id, { decision: "reject", reason: "Too long" }))
        .status,
    ).toBe(201);
    const before = await statusOf(a.id);
    expect(before).toMatchObject({ status: "REJECTED", version: 2 });

    const { status, body: answer } = await reopen(await asUser(team.admin), a.id, {
      version: 2,
      reason: "The author added evidence",
    });
    expect(status).toBe(200);
    expect(answer.annotation).toMatchObject({ id: a.id, status: "pending", label: "fact", version: 3 });
    expect(await statusOf(a.id)).toMatchObject({ status: "PENDING", label: "FACT", version: 3 });

    const audit = await db.auditEvent.findFirstOrThrow({
      where: { entityId: a.id, action: "annotation.reopen" },
    });
    expect(audit.actorId).toBe(team.admin.id);
    expect(audit.before).toMatchObject({ status: "rejected", version: 2 });
    expect(audit.after).toMatchObject({ status: "pending", version: 3, reason: "The author added evidence" });
    // The decisions stay on record.
    expect(await db.review.count({ where: { annotationId: a.id } })).toBe(1);

    const notification = await db.notification.findFirstOrThrow({
      where: { annotationId: a.id, kind: "annotation.reopened" },
    });
    expect(notification.userId).toBe(team.annotator.id);

    // It is back in the pending view, and gone from the rejected one.
    const moderator = await asUser(team.moderator);
    const pendingIds = (await queue(moderator, "status=pending&limit=100")).body.items.map(
      (one: { id: string }) => one.id,
    );
    expect(pendingIds).toContain(a.id);
    const rejectedIds = (await queue(moderator, "status=rejected&limit=100")).body.items.map(
      (one: { id: string }) => one.id,
    );
    expect(rejectedIds).not.toContain(a.id);
  });

  it("reopens an approved one too", async () => {
    const a = await tag(team.annotator, "levelled both Mosul");
    await postReview(await asUser(team.moderator), a.id, { decision: "approve" });
    const { status } = await reopen(await asUser(team.moderator), a.id);
    expect(status).toBe(200);
    expect(await statusOf(a.id)).toMatchObject({ status: "PENDING" });
  });

  it("refuses viewers and annotators (403), other teams (404) and unknown ids (404), changing nothing", async () => {
    const a = await tag(team.annotator, "northern Iraq");
    await postReview(await asUser(team.moderator), a.id, { decision: "reject", reason: "no" });
    for (const user of [team.viewer, team.annotator]) {
      const answer = await reopen(await asUser(user), a.id);
      expect(answer.status).toBe(403);
    }
    for (const user of [other.admin, other.moderator]) {
      const answer = await reopen(await asUser(user), a.id);
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe("not_found");
    }
    expect((await reopen(await asUser(team.moderator), "00000000-0000-4000-8000-000000000000")).status).toBe(
      404,
    );
    expect((await reopen(await asUser(team.moderator), "not-a-uuid")).status).toBe(404);
    expect(await statusOf(a.id)).toMatchObject({ status: "REJECTED", version: 2 });
    expect(await db.auditEvent.count({ where: { entityId: a.id, action: "annotation.reopen" } })).toBe(0);
  });

  it("honours token scopes: review needed, the creator's role caps it, another team's token gets 404", async () => {
    const a = await tag(team.annotator, "Raqqa in Syria");
    await postReview(await asUser(team.moderator), a.id, { decision: "reject", reason: "no" });
    const readOnly = await createApiToken({
      teamId: team.id,
      createdById: team.moderator.id,
      scopes: ["READ"],
    });
    expect((await reopen({ bearer: readOnly.secret }, a.id)).status).toBe(403);
    const annotatorToken = await createApiToken({
      teamId: team.id,
      createdById: team.annotator.id,
      scopes: ["READ", "REVIEW"],
    });
    expect((await reopen({ bearer: annotatorToken.secret }, a.id)).status).toBe(403);
    const otherToken = await createApiToken({
      teamId: other.id,
      createdById: other.admin.id,
      scopes: ["REVIEW"],
    });
    expect((await reopen({ bearer: otherToken.secret }, a.id)).status).toBe(404);
    const reviewer = await createApiToken({
      teamId: team.id,
      createdById: team.moderator.id,
      scopes: ["REVIEW"],
    });
    expect((await reopen({ bearer: reviewer.secret }, a.id)).status).toBe(200);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { entityId: a.id, action: "annotation.reopen" },
    });
    expect(audit.tokenId).toBe(reviewer.id);
  });

  it("refuses one's own annotation (403), a pending one (409), a stale version (409) and bad input (400)", async () => {
    const own = await tag(team.moderator, "the working people of the world");
    await postReview(await asUser(team.members[4]!), own.id, { decision: "reject", reason: "no" });
    const mine = await reopen(await asUser(team.moderator), own.id);
    expect(mine.status).toBe(403);
    expect(mine.body.error.message).toMatch(/own annotation/);
    expect(await statusOf(own.id)).toMatchObject({ status: "REJECTED" });

    const pending = await tag(team.annotator, "Mosul in northern Iraq");
    const already = await reopen(await asUser(team.moderator), pending.id);
    expect(already.status).toBe(409);
    expect(already.body.error.code).toBe("conflict");

    const decided = await tag(team.annotator, "Raqqa");
    await postReview(await asUser(team.moderator), decided.id, { decision: "approve" });
    const stale = await reopen(await asUser(team.admin), decided.id, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
    for (const input of [{ version: 2_147_483_648 }, { version: 0 }, { version: "2" }, { extra: true }]) {
      expect((await reopen(await asUser(team.admin), decided.id, input)).status).toBe(400);
    }
    const notJson = await callJson(reopenRoute, `/api/v1/annotations/${decided.id}/reopen`, {
      method: "POST",
      auth: await asUser(team.admin),
      params: { id: decided.id },
      body: "version=2",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(notJson.status).toBe(415);
    expect(await statusOf(decided.id)).toMatchObject({ status: "APPROVED", version: 2 });
  });

  it("a concurrent decision wins: the use case re-checks the status and version in its write", async () => {
    const a = await tag(team.annotator, "34,573");
    await postReview(await asUser(team.moderator), a.id, { decision: "approve" });
    const moderator = team.moderator.actor;
    const [first, second] = await Promise.allSettled([
      reopenAnnotation({ actor: moderator, annotationId: a.id, input: {} }),
      reopenAnnotation({ actor: team.admin.actor, annotationId: a.id, input: {} }),
    ]);
    const outcomes = [first.status, second.status].sort();
    expect(outcomes).toEqual(["fulfilled", "rejected"]);
    expect(await db.auditEvent.count({ where: { entityId: a.id, action: "annotation.reopen" } })).toBe(1);
  });
});

describe("notifications say which article and passage, and link there", () => {
  it("carries the article title, the quote, who acted and a link to the passage", async () => {
    const a = await tag(team.annotator, "a corrupt government");
    await postReview(await asUser(team.moderator), a.id, { decision: "reject", reason: "Opinion, not fact" });
    const { status, body: answer } = await callJson(notificationsRoute, "/api/v1/notifications", {
      auth: await asUser(team.annotator),
    });
    expect(status).toBe(200);
    const notification = answer.notifications.find(
      (one: { annotationId: string; kind: string }) =>
        one.annotationId === a.id && one.kind === "annotation.reviewed",
    );
    expect(notification.subject).toEqual({
      articleId,
      articleTitle,
      quote: "a corrupt government",
      href: `/t/${team.slug}/articles/${articleId}?annotation=${a.id}`,
      by: { id: team.moderator.id, name: team.moderator.name },
    });
  });

  it("says nothing of the article once the reader has left the team, or once it is deleted", async () => {
    const a = await tag(team.members[4]!, "at least 1,335");
    await postReview(await asUser(team.moderator), a.id, { decision: "approve" });
    const reader = team.members[4]!;
    const subjectNow = async () => {
      const { body: answer } = await callJson(notificationsRoute, "/api/v1/notifications", {
        auth: await asUser(reader),
      });
      return answer.notifications.find((one: { annotationId: string }) => one.annotationId === a.id)?.subject;
    };
    expect(await subjectNow()).toMatchObject({ articleTitle });
    await db.annotation.update({ where: { id: a.id }, data: { deletedAt: new Date() } });
    expect(await subjectNow()).toBeNull();
    await db.annotation.update({ where: { id: a.id }, data: { deletedAt: null } });
    await db.membership.delete({ where: { teamId_userId: { teamId: team.id, userId: reader.id } } });
    expect(await subjectNow()).toBeNull();
  });
});
