// Blind rounds (issue 17): adjudication of a revealed round (passages side by side, conflicts
// first, agreed passages accepted in one step, conflicts settled with the review decisions), its
// statistics, and what an open round refuses (reviews, its agreement for annotators).
import { beforeAll, describe, expect, it } from "vitest";
import { POST as reviewRoute } from "../../app/api/v1/annotations/[id]/reviews/route.ts";
import { PATCH as patchAnnotationRoute } from "../../app/api/v1/annotations/[id]/route.ts";
import { POST as startRoute } from "../../app/api/v1/articles/[id]/rounds/route.ts";
import { PATCH as patchRoundRoute } from "../../app/api/v1/rounds/[id]/route.ts";
import { getRoundAgreement, listRoundAgreements } from "../../lib/agreement/get-round-agreement.ts";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { db } from "../../lib/db.ts";
import { AppError } from "../../lib/errors.ts";
import { listDisagreements } from "../../lib/moderation/list-disagreements.ts";
import { listReviewQueue } from "../../lib/moderation/list-review-queue.ts";
import { acceptAgreedPassages, MERGED_REASON } from "../../lib/rounds/accept-agreed-passages.ts";
import { getAdjudication } from "../../lib/rounds/get-adjudication.ts";
import { getTeamAccessOrThrow } from "../../lib/teams/access.ts";
import { callJson, callRoute, sessionCookie } from "../support/api.ts";
import { spanOf } from "../support/demo-text.ts";
import {
  createTeamWithMembers,
  insertTextArticle,
  type TestTeam,
  type TestUser,
} from "../support/factories.ts";

let team: TestTeam;
let a: TestUser;
let b: TestUser;
let articleId: string;
let roundId: string;
const cookies = new Map<string, string>();
const ids: Record<string, { id: string; version: number }> = {};

async function tag(user: TestUser, quote: string, label: string) {
  const created = await createAnnotation({
    actor: user.actor,
    articleId,
    input: { label, ...spanOf(quote) },
  });
  return { id: created.id, version: created.version };
}

async function rejects(work: Promise<unknown>, code: string) {
  await expect(work).rejects.toSatisfy((error) => error instanceof AppError && error.code === code);
}

beforeAll(async () => {
  team = await createTeamWithMembers({ extra: ["ANNOTATOR"] });
  a = team.annotator;
  b = team.members[4]!;
  for (const user of team.members) cookies.set(user.id, await sessionCookie(user));
  const article = await insertTextArticle({
    teamId: team.id,
    importedById: team.admin.id,
    title: "Adjudicate",
  });
  articleId = article.id;
  const started = await callJson(startRoute, `/api/v1/articles/${articleId}/rounds`, {
    method: "POST",
    auth: { cookie: cookies.get(team.moderator.id)! },
    params: { id: articleId },
    body: { annotatorIds: [a.id, b.id], dueAt: "2030-01-01T12:00:00Z" },
  });
  expect(started.status).toBe(201);
  roundId = started.body.id;
  ids.aAgreed = await tag(a, "34,573 airstrikes", "fact");
  ids.bAgreed = await tag(b, "34,573 airstrikes", "fact");
  ids.aConflict = await tag(a, "at least 1,335 civilians", "opinion");
  ids.bConflict = await tag(b, "at least 1,335 civilians", "advocacy");
  ids.aAlone = await tag(a, "Mosul in northern Iraq", "fact");
});

describe("while the round is open", () => {
  it("refuses reviews of its annotations (adjudication starts at the reveal)", async () => {
    const review = await callRoute(reviewRoute, `/api/v1/annotations/${ids.aConflict!.id}/reviews`, {
      method: "POST",
      auth: { cookie: cookies.get(team.moderator.id)! },
      params: { id: ids.aConflict!.id },
      body: { decision: "approve" },
    });
    expect(review.status).toBe(409);
  });

  it("keeps its annotations out of the review queue and the disagreements until the reveal", async () => {
    const queue = await listReviewQueue({ actor: team.moderator.actor, teamSlug: team.slug, query: {} });
    const roundIds = Object.values(ids).map((entry) => entry.id);
    expect(JSON.stringify(queue)).not.toMatch(new RegExp(roundIds.join("|")));
    const access = await getTeamAccessOrThrow(team.moderator.actor, { id: team.id });
    expect(await listDisagreements(access, { articleId })).toEqual([]);
  });

  it("shows its agreement to moderators, not to annotators, and no passages to adjudicate", async () => {
    await rejects(getRoundAgreement({ actor: a.actor, roundId }), "forbidden");
    expect((await getRoundAgreement({ actor: team.moderator.actor, roundId })).annotators).toBe(2);
    expect(
      (await listRoundAgreements({ actor: a.actor, teamSlug: team.slug })).map((r) => r.roundId),
    ).toEqual([]);
    expect((await getAdjudication({ actor: team.moderator.actor, roundId })).passages).toEqual([]);
    await rejects(acceptAgreedPassages({ actor: team.moderator.actor, roundId }), "conflict");
  });
});

describe("after a moderator closes it", () => {
  beforeAll(async () => {
    const revealed = await callJson(patchRoundRoute, `/api/v1/rounds/${roundId}`, {
      method: "PATCH",
      auth: { cookie: cookies.get(team.moderator.id)! },
      params: { id: roundId },
      body: { status: "revealed" },
    });
    expect(revealed.status).toBe(200);
  });

  it("freezes the round's annotations, submitted or not", async () => {
    const edit = await callRoute(patchAnnotationRoute, `/api/v1/annotations/${ids.aAlone!.id}`, {
      method: "PATCH",
      auth: { cookie: cookies.get(a.id)! },
      params: { id: ids.aAlone!.id },
      body: { label: "opinion", version: ids.aAlone!.version },
    });
    expect(edit.status).toBe(409);
  });

  it("offers its annotations for review once revealed", async () => {
    const queue = await listReviewQueue({ actor: team.moderator.actor, teamSlug: team.slug, query: {} });
    expect(JSON.stringify(queue)).toContain(ids.aConflict!.id);
    const access = await getTeamAccessOrThrow(team.moderator.actor, { id: team.id });
    expect((await listDisagreements(access, { articleId })).length).toBeGreaterThan(0);
  });

  it("lists passages side by side, conflicts first", async () => {
    await rejects(getAdjudication({ actor: a.actor, roundId }), "forbidden");
    const view = await getAdjudication({ actor: team.moderator.actor, roundId });
    expect(view.passages.map((passage) => passage.agreed)).toEqual([false, false, true]);
    expect(view.passages.map((passage) => passage.text)).toEqual([
      "at least 1,335 civilians",
      "Mosul in northern Iraq",
      "34,573 airstrikes",
    ]);
    const alone = view.passages[1]!;
    expect(alone.columns.map((column) => column.annotations.length)).toEqual([1, 0]);
    expect(view.passages[2]!.label).toBe("fact");
    expect(view.agreedPending).toBe(1);
  });

  it("accepts every agreed passage in one step: one approved annotation, its copy merged", async () => {
    const { accepted } = await acceptAgreedPassages({ actor: team.moderator.actor, roundId });
    expect(accepted).toBe(1);
    const rows = await db.annotation.findMany({
      where: { id: { in: [ids.aAgreed!.id, ids.bAgreed!.id] } },
      select: { id: true, status: true, reviews: { select: { reason: true } } },
    });
    expect(rows.map((row) => row.status).sort()).toEqual(["APPROVED", "REJECTED"]);
    expect(rows.find((row) => row.status === "REJECTED")?.reviews[0]?.reason).toBe(MERGED_REASON);
    const view = await getAdjudication({ actor: team.moderator.actor, roundId });
    expect(view.agreedPending).toBe(0);
    expect(view.passages[2]!.settled).toBe(true);
    // A second run changes nothing.
    expect((await acceptAgreedPassages({ actor: team.moderator.actor, roundId })).accepted).toBe(0);
  });

  it("settles conflicts with the review decisions; the round's statistics keep the labels given blind", async () => {
    const review = await callRoute(reviewRoute, `/api/v1/annotations/${ids.aConflict!.id}/reviews`, {
      method: "POST",
      auth: { cookie: cookies.get(team.moderator.id)! },
      params: { id: ids.aConflict!.id },
      body: { decision: "relabel", label: "advocacy", reason: "Calls for action" },
    });
    expect(review.status).toBe(201);
    const stats = await getRoundAgreement({ actor: a.actor, roundId });
    expect(stats.passages).toBe(3);
    expect(stats.pairable).toBe(2);
    // Both-tagged passages: fact/fact and opinion/advocacy (the label A gave, not the relabel):
    // p_o = 1/2, p_e = 1/2 * 1/2 = 1/4, kappa = (1/2 - 1/4) / (3/4) = 1/3. After the relabel it would be 1.
    expect(stats.kappa).toBeCloseTo(1 / 3, 10);
    expect(stats.alpha).not.toBeNull();
    expect(stats.positionalAlpha).not.toBeNull();
    const view = await getAdjudication({ actor: team.moderator.actor, roundId });
    const conflict = view.passages.find((passage) => passage.text === "at least 1,335 civilians")!;
    expect(conflict.columns[0]!.annotations[0]).toMatchObject({
      label: "advocacy",
      originalLabel: "opinion",
    });
    expect(
      (await listRoundAgreements({ actor: a.actor, teamSlug: team.slug })).map((r) => r.roundId),
    ).toEqual([roundId]);
  });

  it("closes once adjudicated, only from revealed", async () => {
    const close = (input: unknown) =>
      callJson(patchRoundRoute, `/api/v1/rounds/${roundId}`, {
        method: "PATCH",
        auth: { cookie: cookies.get(team.moderator.id)! },
        params: { id: roundId },
        body: input,
      });
    expect((await close({ dueAt: "2031-01-01T00:00:00Z" })).status).toBe(409);
    const closed = await close({ status: "closed" });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe("closed");
    expect((await close({ status: "closed" })).status).toBe(409);
    expect((await close({ status: "revealed" })).status).toBe(409);
  });
});
