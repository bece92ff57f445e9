// The snapshot API and link health: viewers read snapshots, writers ask for checks, another team
// gets 404; checks record gone, redirected and changed (with the diff); the schedule is per team.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "../../app/api/v1/annotations/[id]/evidence/route.ts";
import { POST as checkRoute } from "../../app/api/v1/evidence/[id]/check/route.ts";
import { GET as snapshotRoute } from "../../app/api/v1/evidence/[id]/snapshot/route.ts";
import { POST as checkAllRoute } from "../../app/api/v1/teams/[team]/evidence/check/route.ts";
import {
  GET as settingsGet,
  PATCH as settingsPatch,
} from "../../app/api/v1/teams/[team]/evidence/settings/route.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { listTeamSources } from "../../lib/evidence/list-team-sources.ts";
import { dispatchEvidenceJobs } from "../../lib/evidence/snapshots/dispatch-evidence-jobs.ts";
import { startEvidenceArchiving } from "../../lib/evidence/snapshots/start-evidence-archiving.ts";
import { getJobQueue, stopJobQueue } from "../../lib/jobs/job-queue.ts";
import { callJson, sessionCookie, type TestAuth } from "../support/api.ts";
import { createApiToken, createTeamWithMembers, type TestTeam } from "../support/factories.ts";
import {
  type FixtureServer,
  redirectTo,
  respondWith,
  startFixtureServer,
} from "../support/fixture-server.ts";
import { citeUrl, storyPage, waitForSnapshot } from "../support/snapshot-fixtures.ts";
import { importDemoArticle, startTestJobQueue } from "../support/webhook-fixtures.ts";

let team: TestTeam;
let other: TestTeam;
let server: FixtureServer;
let articleId: string;
const auth: Record<"viewer" | "annotator" | "outsider", TestAuth> = {
  viewer: null,
  annotator: null,
  outsider: null,
};
let outsiderToken: TestAuth;
let viewerToken: TestAuth;
const SENTENCE = "The council approved the flood barrier by 31 votes to 4.";
const RETRY = { retryLimit: 1, retryDelay: 1 };

function snapshotOf(evidenceId: string, who: TestAuth) {
  return callJson(snapshotRoute, `/api/v1/evidence/${evidenceId}/snapshot`, {
    auth: who,
    params: { id: evidenceId },
  });
}

function check(evidenceId: string, who: TestAuth) {
  return callJson(checkRoute, `/api/v1/evidence/${evidenceId}/check`, {
    method: "POST",
    auth: who,
    params: { id: evidenceId },
  });
}

/** Cites a page and waits until it is archived. */
async function archived(path: string) {
  const evidence = await citeUrl(team.annotator.actor, articleId, `${server.origin}${path}`, SENTENCE);
  await waitForSnapshot(evidence.id, (row) => row.state === "ARCHIVED");
  return evidence;
}

/** Asks for a check as the annotator and waits for its result. */
async function checked(evidenceId: string) {
  const before = (await db.evidenceSnapshot.findUniqueOrThrow({ where: { evidenceId } })).checkedAt;
  const { status } = await check(evidenceId, auth.annotator);
  expect(status).toBe(202);
  await waitForSnapshot(
    evidenceId,
    (row) => row.checkedAt !== null && row.checkedAt.getTime() !== before?.getTime() && !row.checkRequestedAt,
  );
  const { body } = await snapshotOf(evidenceId, auth.viewer);
  return body;
}

beforeAll(async () => {
  server = await startFixtureServer({
    "/story": respondWith(storyPage("Flood barrier approved", SENTENCE)),
    "/moved": redirectTo("/story", 301),
  });
  process.env.FETCH_ALLOW_HOSTS = server.hostPort;
  team = await createTeamWithMembers();
  other = await createTeamWithMembers();
  auth.viewer = { cookie: await sessionCookie(team.viewer) };
  auth.annotator = { cookie: await sessionCookie(team.annotator) };
  auth.outsider = { cookie: await sessionCookie(other.admin) };
  outsiderToken = {
    bearer: (
      await createApiToken({ teamId: other.id, createdById: other.admin.id, scopes: ["READ", "ANNOTATE"] })
    ).secret,
  };
  viewerToken = {
    bearer: (await createApiToken({ teamId: team.id, createdById: team.admin.id, scopes: ["READ"] })).secret,
  };
  articleId = (await importDemoArticle(team.annotator.actor, team.slug)).id;
  const queue = await startTestJobQueue();
  await startEvidenceArchiving(queue.boss, queue.pool, { retry: RETRY, intervalMs: 50 });
});

afterAll(async () => {
  await stopJobQueue(1);
  await server.close();
});

describe("GET /api/v1/evidence/{id}/snapshot", () => {
  it("answers 200 with state archiving while the page is being fetched, then the text", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.route("/slow", async (_req, res) => {
      await held;
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(storyPage("Slow page", SENTENCE));
    });
    const evidence = await citeUrl(team.annotator.actor, articleId, `${server.origin}/slow`, SENTENCE);
    const during = await snapshotOf(evidence.id, auth.viewer);
    expect(during.status).toBe(200);
    expect(during.body).toMatchObject({ state: "archiving", text: null, sha256: null, quote: SENTENCE });
    release();
    await waitForSnapshot(evidence.id, (row) => row.state === "ARCHIVED");
    const after = await snapshotOf(evidence.id, auth.viewer);
    expect(after.body.state).toBe("archived");
    expect(after.body.title).toBe("Slow page");
    expect(after.body.text).toContain(SENTENCE);
    expect(after.body.annotationId).toBe(evidence.annotationId);
  });

  it("lets viewers (and read tokens) read it; another team's session and token get 404", async () => {
    const evidence = await archived("/story");
    expect((await snapshotOf(evidence.id, auth.viewer)).status).toBe(200);
    expect((await snapshotOf(evidence.id, viewerToken)).status).toBe(200);
    expect((await snapshotOf(evidence.id, auth.outsider)).status).toBe(404);
    expect((await snapshotOf(evidence.id, outsiderToken)).status).toBe(404);
    expect((await snapshotOf("00000000-0000-4000-8000-000000000000", auth.viewer)).status).toBe(404);
  });

  it("shows the state in every evidence read", async () => {
    const evidence = await archived("/story");
    const { body } = await callJson(listRoute, `/api/v1/annotations/${evidence.annotationId}/evidence`, {
      auth: auth.viewer,
      params: { id: evidence.annotationId },
    });
    expect(body.corroborates[0].snapshot).toMatchObject({
      state: "archived",
      lastCheck: null,
      checkPending: false,
    });
  });
});

describe("link checks", () => {
  it("refuses viewers (403) and other teams (404)", async () => {
    const evidence = await archived("/story");
    expect((await check(evidence.id, auth.viewer)).status).toBe(403);
    expect((await check(evidence.id, viewerToken)).status).toBe(403);
    expect((await check(evidence.id, auth.outsider)).status).toBe(404);
    expect((await check(evidence.id, outsiderToken)).status).toBe(404);
    const all = (who: TestAuth, slug: string) =>
      callJson(checkAllRoute, `/api/v1/teams/${slug}/evidence/check`, {
        method: "POST",
        auth: who,
        params: { team: slug },
      });
    expect((await all(auth.viewer, team.slug)).status).toBe(403);
    expect((await all(auth.outsider, team.slug)).status).toBe(404);
    const asked = await all(auth.annotator, team.slug);
    expect(asked.status).toBe(202);
    expect(asked.body.requested).toBeGreaterThan(0);
  });

  it("records ok for an unchanged page", async () => {
    const evidence = await archived("/story");
    const body = await checked(evidence.id);
    expect(body.lastCheck).toMatchObject({ status: "ok", httpStatus: 200, changed: false });
    expect(body.change).toBeNull();
  });

  it("flags a page that starts answering 404 as gone, while its snapshot stays readable", async () => {
    server.route("/going", respondWith(storyPage("Soon gone", SENTENCE)));
    const evidence = await archived("/going");
    server.route("/going", (_req, res) => {
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
    });
    const body = await checked(evidence.id);
    expect(body.lastCheck).toMatchObject({ status: "gone", httpStatus: 404 });
    expect(body.state).toBe("archived");
    expect(body.text).toContain(SENTENCE);
    server.route("/going", (_req, res) => {
      res.writeHead(410).end();
    });
    expect((await checked(evidence.id)).lastCheck.status).toBe("gone");
  });

  it("flags a page whose text changed, with the changed region", async () => {
    server.route("/edited", respondWith(storyPage("Edited story", SENTENCE)));
    const evidence = await archived("/edited");
    server.route(
      "/edited",
      respondWith(storyPage("Edited story", "The council approved the flood barrier by 29 votes to 6.")),
    );
    const body = await checked(evidence.id);
    expect(body.lastCheck).toMatchObject({ status: "ok", changed: true });
    expect(body.change.removed).toContain("31 votes to 4");
    expect(body.change.inserted).toContain("29 votes to 6");
    expect(body.text).toContain(SENTENCE);
  });

  it("flags gone and changed pages in the team's sources, and the filter lists only them", async () => {
    const all = await listTeamSources({ actor: team.viewer.actor, teamSlug: team.slug });
    const pages = all.sources.flatMap((source) => source.pages);
    const page = (path: string) => pages.find((candidate) => candidate.url?.endsWith(path));
    expect(page("/going")).toMatchObject({ gone: 1, changed: 0 });
    expect(page("/edited")).toMatchObject({ gone: 0, changed: 1 });
    expect(page("/edited")?.snapshotEvidenceId).toBeTruthy();
    expect(all.canCheck).toBe(false);
    const flagged = await listTeamSources({
      actor: team.viewer.actor,
      teamSlug: team.slug,
      flaggedOnly: true,
    });
    const urls = flagged.sources.flatMap((source) => source.pages.map((candidate) => candidate.url));
    expect(urls.some((url) => url?.endsWith("/going"))).toBe(true);
    expect(urls.some((url) => url?.endsWith("/edited"))).toBe(true);
    expect(urls.some((url) => url?.endsWith("/story"))).toBe(false);
  });

  it("records a redirect, and an error with its reason", async () => {
    const moved = await archived("/moved");
    expect((await checked(moved.id)).lastCheck).toMatchObject({ status: "ok" });
    server.route("/moving", respondWith(storyPage("Flood barrier approved", SENTENCE)));
    const evidence = await archived("/moving");
    server.route("/moving", redirectTo("/story", 301));
    const body = await checked(evidence.id);
    expect(body.lastCheck).toMatchObject({
      status: "redirected",
      finalUrl: `${server.origin}/story`,
      changed: false,
    });
    server.route("/moving", (_req, res) => {
      res.writeHead(500).end();
    });
    expect((await checked(evidence.id)).lastCheck).toMatchObject({ status: "error", httpStatus: 500 });
  });
});

describe("the schedule", () => {
  it("is weekly by default; only admins change it (1 to 365 days, or null for off); article re-checks in hours over a window", async () => {
    const path = `/api/v1/teams/${team.slug}/evidence/settings`;
    const params = { team: team.slug };
    const read = await callJson(settingsGet, path, { auth: auth.viewer, params });
    expect(read.body).toEqual({
      linkCheckIntervalDays: 7,
      articleRecheckIntervalHours: null,
      articleRecheckWindowDays: 7,
      waybackSave: false,
      canEdit: false,
    });
    const patch = (who: TestAuth, body: unknown) =>
      callJson(settingsPatch, path, { method: "PATCH", auth: who, params, body });
    expect((await patch(auth.annotator, { linkCheckIntervalDays: 1 })).status).toBe(403);
    expect((await patch(auth.outsider, { linkCheckIntervalDays: 1 })).status).toBe(404);
    const admin = { cookie: await sessionCookie(team.admin) };
    expect((await patch(admin, { linkCheckIntervalDays: 0 })).status).toBe(400);
    expect((await patch(admin, { linkCheckIntervalDays: 14 })).body).toEqual({
      linkCheckIntervalDays: 14,
      articleRecheckIntervalHours: null,
      articleRecheckWindowDays: 7,
      waybackSave: false,
      canEdit: true,
    });
    expect(
      (await patch(admin, { articleRecheckIntervalHours: 6, articleRecheckWindowDays: 3 })).body,
    ).toMatchObject({
      linkCheckIntervalDays: 14,
      articleRecheckIntervalHours: 6,
      articleRecheckWindowDays: 3,
    });
    expect((await patch(admin, { articleRecheckIntervalHours: 0 })).status).toBe(400);
    expect((await patch(admin, { articleRecheckWindowDays: 91 })).status).toBe(400);
    expect((await patch(admin, { articleRecheckWindowDays: null })).status).toBe(400);
    expect(
      (
        await patch(admin, {
          linkCheckIntervalDays: 7,
          articleRecheckIntervalHours: null,
          articleRecheckWindowDays: 7,
        })
      ).status,
    ).toBe(200);
  });

  it("checks sources whose last check is older than the team's interval, and none of a team that turned checks off", async () => {
    const due = await archived("/story");
    const old = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    await db.evidenceSnapshot.update({
      where: { evidenceId: due.id },
      data: { checkedAt: old, checkStatus: "OK" },
    });
    const otherArticle = (await importDemoArticle(other.annotator.actor, other.slug)).id;
    const off = await citeUrl(other.annotator.actor, otherArticle, `${server.origin}/story`, SENTENCE);
    await waitForSnapshot(off.id, (row) => row.state === "ARCHIVED");
    await db.evidenceSnapshot.update({
      where: { evidenceId: off.id },
      data: { checkedAt: old, checkStatus: "OK" },
    });
    await db.teamEvidenceSettings.create({ data: { teamId: other.id, linkCheckIntervalDays: null } });
    const queue = getJobQueue()!;
    await dispatchEvidenceJobs(queue.boss, queue.pool, { retry: RETRY, scheduled: true });
    await waitForSnapshot(due.id, (row) => row.checkedAt !== null && row.checkedAt > old);
    const untouched = await db.evidenceSnapshot.findUniqueOrThrow({ where: { evidenceId: off.id } });
    expect(untouched.checkedAt).toEqual(old);
    expect(untouched.checkQueuedAt).toBeNull();
  });

  it("re-checks a team's URL-imported articles when the team opted in, recorded as done by the schedule", async () => {
    const paragraph = (votes: string) =>
      `The council approved the flood barrier by ${votes}. `.repeat(3) + "Work starts in spring. ".repeat(8);
    server.route("/article-source", respondWith(storyPage("Barrier vote", paragraph("31 votes to 4"))));
    const article = await createArticle({
      actor: team.annotator.actor,
      teamSlug: team.slug,
      input: { format: "url", url: `${server.origin}/article-source` },
    });
    server.route("/article-source", respondWith(storyPage("Barrier vote", paragraph("29 votes to 6"))));
    const queue = getJobQueue()!;
    const off = await dispatchEvidenceJobs(queue.boss, queue.pool, { retry: RETRY, scheduled: true });
    expect(off.articles).toBe(0);
    // An article imported before the window (7 days by default) is left alone.
    const older = await createArticle({
      actor: team.annotator.actor,
      teamSlug: team.slug,
      input: { format: "url", url: `${server.origin}/article-source` },
    });
    await db.article.update({
      where: { id: older.id },
      data: { createdAt: new Date(Date.now() - 8 * 24 * 3600 * 1000) },
    });
    await db.teamEvidenceSettings.upsert({
      where: { teamId: team.id },
      create: { teamId: team.id, articleRecheckIntervalHours: 6 },
      update: { articleRecheckIntervalHours: 6 },
    });
    const on = await dispatchEvidenceJobs(queue.boss, queue.pool, { retry: RETRY, scheduled: true });
    expect(on.articles).toBe(1);
    // Within the interval (6 hours): nothing more; once it has passed, again.
    const again = await dispatchEvidenceJobs(queue.boss, queue.pool, { retry: RETRY, scheduled: true });
    expect(again.articles).toBe(0);
    const deadline = Date.now() + 15_000;
    let update = null;
    while (!update && Date.now() < deadline) {
      update = await db.auditEvent.findFirst({
        where: { entityId: article.id, action: "article.source_update" },
      });
      if (!update) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(update).toMatchObject({ actorId: null, teamId: team.id });
    expect(
      await db.auditEvent.count({ where: { entityId: older.id, action: "article.source_update" } }),
    ).toBe(0);
    await db.teamEvidenceSettings.update({
      where: { teamId: team.id },
      data: { lastArticleRecheckAt: new Date(Date.now() - 7 * 3600 * 1000) },
    });
    const later = await dispatchEvidenceJobs(queue.boss, queue.pool, { retry: RETRY, scheduled: true });
    expect(later.articles).toBe(1);
  });
});
