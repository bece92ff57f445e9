import { beforeAll, describe, expect, it } from "vitest";
import { GET as historyRoute } from "../../app/api/v1/annotations/[id]/history/route.ts";
import { PATCH as editReplyRoute } from "../../app/api/v1/annotations/[id]/replies/[replyId]/route.ts";
import { GET as repliesRoute, POST as replyRoute } from "../../app/api/v1/annotations/[id]/replies/route.ts";
import { POST as readRoute } from "../../app/api/v1/notifications/read/route.ts";
import { GET as notificationsRoute } from "../../app/api/v1/notifications/route.ts";
import { db } from "../../lib/db.ts";
import { postAnnotation, postReview } from "../support/annotation-requests.ts";
import { asUser, callJson } from "../support/api.ts";
import { spanOf } from "../support/demo-text.ts";
import {
  createTeamWithMembers,
  insertTextArticle,
  type TestTeam,
  type TestUser,
} from "../support/factories.ts";

const text = "The coalition conducted 34,573 airstrikes. A corrupt government must go!";
let team: TestTeam;
let other: TestTeam;
let annotationId: string;

async function reply(user: TestUser, body: unknown, id = annotationId) {
  return callJson(replyRoute, `/api/v1/annotations/${id}/replies`, {
    method: "POST",
    auth: await asUser(user),
    params: { id },
    body,
  });
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  other = await createTeamWithMembers();
  const article = await insertTextArticle({
    teamId: team.id,
    importedById: team.admin.id,
    title: "A",
    content: text,
  });
  const created = await postAnnotation(await asUser(team.annotator), article.id, {
    label: "fact",
    ...spanOf("34,573 airstrikes", text),
  });
  expect(created.status).toBe(201);
  annotationId = created.body.id;
});

describe("discussion threads", () => {
  it("team members who annotate reply; viewers read only; other teams get 404", async () => {
    const first = await reply(team.moderator, { body: "Source for this figure?" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      body: "Source for this figure?",
      author: { id: team.moderator.id },
      editedAt: null,
    });
    expect((await reply(team.viewer, { body: "me too" })).status).toBe(403);
    expect((await reply(other.admin, { body: "hello" })).status).toBe(404);
    expect((await reply(team.annotator, { body: "   " })).status).toBe(400);
    const own = await reply(team.annotator, { body: "Coalition press release, 26 September" });
    expect(own.status).toBe(201);
    const list = await callJson(repliesRoute, `/api/v1/annotations/${annotationId}/replies`, {
      auth: await asUser(team.viewer),
      params: { id: annotationId },
    });
    expect(list.body.replies.map((r: { body: string }) => r.body)).toEqual([
      "Source for this figure?",
      "Coalition press release, 26 September",
    ]);
    const outsiderList = await callJson(repliesRoute, `/api/v1/annotations/${annotationId}/replies`, {
      auth: await asUser(other.admin),
      params: { id: annotationId },
    });
    expect(outsiderList.status).toBe(404);
  });

  it("only the author edits a reply, which then shows as edited", async () => {
    const { body: created } = await reply(team.moderator, { body: "Typo here" });
    const path = `/api/v1/annotations/${annotationId}/replies/${created.id}`;
    const byOther = await callJson(editReplyRoute, path, {
      method: "PATCH",
      auth: await asUser(team.admin),
      params: { id: annotationId, replyId: created.id },
      body: { body: "Hijacked" },
    });
    expect(byOther.status).toBe(403);
    const edited = await callJson(editReplyRoute, path, {
      method: "PATCH",
      auth: await asUser(team.moderator),
      params: { id: annotationId, replyId: created.id },
      body: { body: "Typo fixed" },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: "Typo fixed", editedAt: expect.any(String) });
  });
});

describe("notifications", () => {
  it("tell the author when their tag is replied to or reviewed, and can be marked read", async () => {
    const review = await postReview(await asUser(team.moderator), annotationId, {
      decision: "reject",
      reason: "Figure not in the source",
    });
    expect(review.status).toBe(201);
    const auth = await asUser(team.annotator);
    const { status, body } = await callJson(notificationsRoute, "/api/v1/notifications?unread=true", {
      auth,
    });
    expect(status).toBe(200);
    // Two replies by the moderator (the author's own reply notifies nobody) and one review.
    expect(body.notifications.map((n: { kind: string }) => n.kind).sort()).toEqual([
      "annotation.replied",
      "annotation.replied",
      "annotation.reviewed",
    ]);
    expect(body.unread).toBe(3);
    const reviewed = body.notifications.find((n: { kind: string }) => n.kind === "annotation.reviewed");
    expect(reviewed.payload).toMatchObject({ decision: "reject", reason: "Figure not in the source" });
    const marked = await callJson(readRoute, "/api/v1/notifications/read", {
      method: "POST",
      auth,
      body: { ids: [reviewed.id] },
    });
    expect(marked.body.updated).toBe(1);
    // Someone else's ids are ignored.
    const foreign = await callJson(readRoute, "/api/v1/notifications/read", {
      method: "POST",
      auth: await asUser(team.moderator),
      body: { all: true },
    });
    expect(foreign.body.updated).toBe(0);
    const after = await callJson(notificationsRoute, "/api/v1/notifications", { auth });
    expect(after.body.unread).toBe(2);
  });
});

describe("history", () => {
  it("is the annotation's timeline from the audit log (who, what, when, why), for team members only", async () => {
    const { status, body } = await callJson(historyRoute, `/api/v1/annotations/${annotationId}/history`, {
      auth: await asUser(team.viewer),
      params: { id: annotationId },
    });
    expect(status).toBe(200);
    const actions = body.history.map((entry: { action: string }) => entry.action);
    expect(actions[0]).toBe("annotation.create");
    expect(actions).toContain("reply.create");
    expect(actions).toContain("reply.update");
    const rejection = body.history.find((entry: { action: string }) => entry.action === "annotation.reject");
    expect(rejection).toMatchObject({
      actor: { id: team.moderator.id },
      reason: "Figure not in the source",
      at: expect.any(String),
    });
    const outsider = await callJson(historyRoute, `/api/v1/annotations/${annotationId}/history`, {
      auth: await asUser(other.moderator),
      params: { id: annotationId },
    });
    expect(outsider.status).toBe(404);
  });
});

describe("the audit log is append-only", () => {
  it("the database refuses UPDATE and DELETE on AuditEvent", async () => {
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: annotationId } });
    await expect(
      db.$executeRaw`UPDATE "AuditEvent" SET action = 'forged' WHERE id = ${event.id}`,
    ).rejects.toThrow();
    await expect(db.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${event.id}`).rejects.toThrow();
    await expect(
      db.auditEvent.update({ where: { id: event.id }, data: { action: "forged" } }),
    ).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({ where: { entityId: annotationId } })).rejects.toThrow();
    const again = await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(again.action).toBe(event.action);
  });
});
