// Archiving on citing: the snapshot job through the real queue and the loopback fixture server.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "../../app/api/v1/articles/[id]/export/route.ts";
import { db } from "../../lib/db.ts";
import { createWaybackArchive, setPublicArchive } from "../../lib/evidence/snapshots/public-archive.ts";
import { requestLinkCheck } from "../../lib/evidence/snapshots/request-link-check.ts";
import { startEvidenceArchiving } from "../../lib/evidence/snapshots/start-evidence-archiving.ts";
import { validateArticleExport } from "../../lib/export/export-schema.ts";
import { stopJobQueue } from "../../lib/jobs/job-queue.ts";
import { AssertionRunner, failedAnnotationMusts } from "../conformance/w3c-assertions.ts";
import { callJson, sessionCookie } from "../support/api.ts";
import { createTeamWithMembers, type TestTeam } from "../support/factories.ts";
import { type FixtureServer, respondWith, startFixtureServer } from "../support/fixture-server.ts";
import { citeUrl, storyPage, waitForSnapshot } from "../support/snapshot-fixtures.ts";
import { importDemoArticle, startTestJobQueue } from "../support/webhook-fixtures.ts";

let team: TestTeam;
let server: FixtureServer;
let blocked: FixtureServer;
let wayback: FixtureServer;
let articleId: string;
const story = storyPage("Flood barrier approved", "The council approved the flood barrier by 31 votes to 4.");
let flakyCalls = 0;

beforeAll(async () => {
  server = await startFixtureServer({
    "/story": respondWith(story),
    "/flaky": (_req, res) => {
      flakyCalls++;
      if (flakyCalls === 1) res.writeHead(503).end("busy");
      else res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(story);
    },
    "/image.png": respondWith(Buffer.from([0x89, 0x50, 0x4e, 0x47]), "image/png"),
  });
  // Listens on every loopback form; not in FETCH_ALLOW_HOSTS, so no request may arrive.
  blocked = await startFixtureServer({ "/secret": respondWith("internal") }, { host: "::" });
  // A loopback fake of the Wayback Machine's "Save Page Now".
  wayback = await startFixtureServer();
  setPublicArchive(createWaybackArchive(wayback.origin));
  process.env.FETCH_ALLOW_HOSTS = `${server.hostPort},${wayback.hostPort}`;
  team = await createTeamWithMembers();
  articleId = (await importDemoArticle(team.annotator.actor, team.slug)).id;
  const queue = await startTestJobQueue();
  await startEvidenceArchiving(queue.boss, queue.pool, {
    retry: { retryLimit: 2, retryDelay: 1 },
    intervalMs: 50,
  });
});

afterAll(async () => {
  await stopJobQueue(1);
  await server.close();
  await blocked.close();
  await wayback.close();
  setPublicArchive(undefined);
});

describe("archive on citing", () => {
  it("stores the SHA-256 of the bytes served, the status, final URL, type, title and readable text", async () => {
    const evidence = await citeUrl(team.annotator.actor, articleId, `${server.origin}/story`);
    const row = await waitForSnapshot(evidence.id, (r) => r.state !== "ARCHIVING");
    expect(row.state).toBe("ARCHIVED");
    expect(row.sha256).toBe(createHash("sha256").update(story).digest("hex"));
    expect(row.byteLength).toBe(Buffer.byteLength(story));
    expect(row.httpStatus).toBe(200);
    expect(row.finalUrl).toBe(`${server.origin}/story`);
    expect(row.contentType).toBe("text/html");
    expect(row.title).toBe("Flood barrier approved");
    expect(row.text).toContain("The council approved the flood barrier by 31 votes to 4.");
    expect(row.text).not.toContain("Home | World");
    expect(row.attempts).toBe(1);
    expect(row.fetchedAt).not.toBeNull();
  });

  it("writes the snapshot row in the evidence's transaction (none for an internal target)", async () => {
    const evidence = await citeUrl(team.annotator.actor, articleId, `${server.origin}/story?again=1`);
    const row = await db.evidenceSnapshot.findUnique({ where: { evidenceId: evidence.id } });
    expect(row).not.toBeNull();
    expect(row!.teamId).toBe(team.id);
    expect(await db.evidenceSnapshot.count({ where: { evidence: { url: null } } })).toBe(0);
  });

  it("retries after a failed fetch and archives on the next attempt", async () => {
    const evidence = await citeUrl(team.annotator.actor, articleId, `${server.origin}/flaky`);
    const row = await waitForSnapshot(evidence.id, (r) => r.state !== "ARCHIVING");
    expect(row.state).toBe("ARCHIVED");
    expect(row.attempts).toBe(2);
    expect(flakyCalls).toBe(2);
    expect(row.failureReason).toBeNull();
  });

  it("refuses a blocked address without retrying, and no request reaches it", async () => {
    const evidence = await citeUrl(
      team.annotator.actor,
      articleId,
      `http://127.0.0.1:${blocked.port}/secret`,
    );
    const row = await waitForSnapshot(evidence.id, (r) => r.state !== "ARCHIVING");
    expect(row.state).toBe("FAILED");
    expect(row.attempts).toBe(1);
    expect(row.failureReason).toMatch(/private or reserved network/);
    expect(blocked.connections).toBe(0);
  });

  it("fails with the reason for a type it does not archive", async () => {
    const evidence = await citeUrl(team.annotator.actor, articleId, `${server.origin}/image.png`);
    const row = await waitForSnapshot(evidence.id, (r) => r.state !== "ARCHIVING");
    expect(row.state).toBe("FAILED");
    expect(row.failureReason).toMatch(/image\/png/);
  });

  it("archives a failed snapshot again when someone asks for a check", async () => {
    server.route("/later", respondWith("nope", "application/octet-stream"));
    const evidence = await citeUrl(team.annotator.actor, articleId, `${server.origin}/later`);
    await waitForSnapshot(evidence.id, (r) => r.state === "FAILED");
    server.route("/later", respondWith(story));
    const summary = await requestLinkCheck({ actor: team.annotator.actor, evidenceId: evidence.id });
    expect(summary).toMatchObject({ state: "archiving", checkPending: true, failureReason: null });
    const row = await waitForSnapshot(evidence.id, (r) => r.state === "ARCHIVED" && r.checkedAt !== null);
    expect(row.checkStatus).toBe("OK");
    expect(row.contentChanged).toBe(false);
  });

  it("is idempotent: a second job for an archived snapshot fetches nothing", async () => {
    const { archiveSnapshot } = await import("../../lib/evidence/snapshots/archive-snapshot.ts");
    const evidence = await citeUrl(team.annotator.actor, articleId, `${server.origin}/story?once=1`);
    await waitForSnapshot(evidence.id, (r) => r.state === "ARCHIVED");
    const before = server.requests.length;
    expect(await archiveSnapshot(evidence.id, { lastAttempt: false })).toBe("skipped");
    expect(server.requests.length).toBe(before);
  });
});

describe("the optional public archive", () => {
  it("is not asked by default; a team that turns it on gets each cited page saved there too", async () => {
    const first = await citeUrl(team.annotator.actor, articleId, `${server.origin}/story?wayback=0`);
    await waitForSnapshot(first.id, (r) => r.state === "ARCHIVED");
    expect(wayback.requests).toHaveLength(0);
    await db.teamEvidenceSettings.create({ data: { teamId: team.id, waybackSave: true } });
    const cited = `${server.origin}/story?wayback=1`;
    wayback.route(`/save/${server.origin}/story`, (_req, res) => {
      res.writeHead(302, { location: `/web/20261206000000/${cited}` }).end();
    });
    const second = await citeUrl(team.annotator.actor, articleId, cited);
    const row = await waitForSnapshot(second.id, (r) => r.publicArchiveUrl !== null);
    expect(row.publicArchiveUrl).toBe(`${wayback.origin}/web/20261206000000/${cited}`);
    expect(wayback.requests.map((request) => request.path)).toEqual([`/save/${server.origin}/story`]);
    await db.teamEvidenceSettings.delete({ where: { teamId: team.id } });
  });
});

describe("in the exports", () => {
  it("json carries a snapshot object on external evidence (valid against the schema); w3c a TimeState that passes the W3C MUST assertions", async () => {
    const evidence = await citeUrl(team.annotator.actor, articleId, `${server.origin}/story?export=1`);
    const row = await waitForSnapshot(evidence.id, (r) => r.state === "ARCHIVED");
    const auth = { cookie: await sessionCookie(team.moderator) };
    const call = (format: string) =>
      callJson(exportRoute, `/api/v1/articles/${articleId}/export?format=${format}`, {
        auth,
        params: { id: articleId },
      });

    const json = await call("json");
    expect(json.status).toBe(200);
    expect(validateArticleExport(json.body)).toBeNull();
    const items = json.body.annotations.flatMap((annotation: { evidence: unknown[] }) => annotation.evidence);
    const item = items.find((candidate: { id: string }) => candidate.id === evidence.id);
    expect(item.snapshot).toEqual({
      state: "archived",
      fetchedAt: row.fetchedAt!.toISOString(),
      sha256: row.sha256,
      httpStatus: 200,
      finalUrl: `${server.origin}/story?export=1`,
      contentType: "text/html",
      title: "Flood barrier approved",
      lastCheck: null,
    });

    const w3c = await call("w3c");
    expect(w3c.status).toBe(200);
    const annotations = w3c.body.first.items as Array<{ body: Array<Record<string, unknown>> }>;
    const runner = new AssertionRunner();
    for (const annotation of annotations) expect(failedAnnotationMusts(runner, annotation)).toEqual([]);
    const linking = annotations
      .flatMap((annotation) => annotation.body)
      .find((body) => body.id === `urn:uuid:${evidence.id}`);
    expect(linking?.state).toEqual({
      type: "TimeState",
      sourceDate: row.fetchedAt!.toISOString(),
      cached: `http://localhost/api/v1/evidence/${evidence.id}/snapshot`,
    });
  });
});
