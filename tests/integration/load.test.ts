// Issue 9, item 5: a bounded load test. The real /api/v1 route handlers and the /collab
// endpoint run in a server process of their own (tests/support/fixtures/load-server.ts, started
// with --expose-gc); 200 real @hocuspocus/provider clients, spread over worker processes, hold
// two articles open (body and live annotations) and annotate through the API with their session
// cookies, while a keep-alive load generator (tests/support/load-generator.ts, loopback only)
// reads the annotation list, the article list, the article and its export and creates
// annotations with an API token. For LOAD_TEST_SECONDS (default 60) of load, then:
// - every request was answered 2xx and no client saw a close, disconnect or refusal;
// - nothing is lost: per article, the acknowledged creates (201) == the rows in PostgreSQL ==
//   the ids in the JSON export == the ids in every one of the 200 clients' Y.Map;
// - the server's memory (V8 heap plus external buffers) after forced GC, once the clients left,
//   is within a bound of the same figure before the load (a memory bound, not a time bound).
// Throughput and latency are printed for information only: no assertion depends on them.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { validateArticleExport } from "../../lib/export/export-schema.ts";
import type { ArticleExport } from "../../lib/export/export-types.ts";
import { createTestMember, ensureAuthSecret, type TestMember } from "../support/collab-fixtures.ts";
import { createApiToken, createTeamWithMembers, type TestTeam } from "../support/factories.ts";
import type { LoadClientSpec } from "../support/fixtures/load-client-worker.ts";
import type { LoadServerStats } from "../support/fixtures/load-server.ts";
import { formatLoadReport, type LoadRequest, runLoad } from "../support/load-generator.ts";
import {
  type LoadClientPool,
  type LoadServer,
  startLoadClientPool,
  startLoadServer,
} from "../support/load-processes.ts";

const LOAD_SECONDS = Math.max(1, Number(process.env.LOAD_TEST_SECONDS ?? 60));
const CLIENTS = 200;
const CLIENT_WORKERS = 4;
const HTTP_CONNECTIONS = 8;
// Each client waits 5 to 15 s between its annotations (about 20 creates per second from 200).
const CLIENT_PAUSE_MS: [number, number] = [5000, 15_000];
// How much the server's heap plus external memory (after forced GC, clients gone) may grow.
const MEMORY_GROWTH_LIMIT_BYTES = 50 * 1024 * 1024;
const MB = 1024 * 1024;

const DEMO = readFileSync(
  new URL("../../prisma/seed-data/coalition-airstrikes.txt", import.meta.url),
  "utf8",
);
const SECOND =
  "The ministry published its figures on Monday.\n\nCritics said the count was far too low, " +
  "and that the war must end now.\n\nIndependent monitors recorded 1,335 civilian deaths in the period.";

let team: TestTeam;
let token: string;
let annotators: TestMember[];
const articles: Array<{ id: string; spans: Array<[number, number]> }> = [];
let server: LoadServer | undefined;
let pool: LoadClientPool | undefined;

/** Spans of one to six whole words, all over the text. */
function wordSpans(text: string): Array<[number, number]> {
  const words = [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < words.length; i += 3) {
    const last = words[Math.min(words.length - 1, i + (i % 6))]!;
    spans.push([words[i]![0], last[1]]);
  }
  return spans;
}

/** The server's stats once it holds no connection and no document (or after 30 s). */
async function untilIdle(load: LoadServer) {
  const deadline = Date.now() + 30_000;
  let stats = await load.stats(false);
  while ((stats.documents > 0 || stats.connections > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    stats = await load.stats(false);
  }
  return stats;
}

function bearer(): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

beforeAll(async () => {
  const secret = ensureAuthSecret();
  team = await createTeamWithMembers();
  // An admin's token with `review` as well: only that exports pending annotations (all new ones are).
  token = (
    await createApiToken({
      teamId: team.id,
      createdById: team.admin.id,
      scopes: ["READ", "ANNOTATE", "EXPORT", "REVIEW"],
    })
  ).secret;
  for (const [title, content] of [
    ["Coalition airstrikes", DEMO],
    ["Ministry figures", SECOND],
  ] as const) {
    const article = await db.$transaction((tx) =>
      insertArticle(tx, { teamId: team.id, importedById: team.admin.id, title, format: "text", content }),
    );
    articles.push({ id: article.id, spans: wordSpans(article.text) });
  }
  annotators = [];
  for (let i = 0; i < CLIENTS; i += 20) {
    annotators.push(
      ...(await Promise.all(Array.from({ length: 20 }, () => createTestMember(team.id, "ANNOTATOR")))),
    );
  }
  server = await startLoadServer({
    DATABASE_URL: process.env.DATABASE_URL!,
    NEXTAUTH_SECRET: secret,
    // All 200 clients come from 127.0.0.1: lift the per-address websocket throttle above them.
    COLLAB_MAX_CONNECTIONS_PER_ADDRESS: String(CLIENTS * 2),
    COLLAB_MAX_NEW_CONNECTIONS_PER_MINUTE: String(CLIENTS * 10),
  });
  pool = startLoadClientPool(CLIENT_WORKERS);
}, 180_000);

afterAll(async () => {
  // The server's own log (errors it logged), to explain a failure.
  const log = server?.output().trim();
  if (log) console.log(`[load] server output (last 8000 characters):\n${log.slice(-8000)}`);
  await pool?.stop();
  await server?.stop();
}, 60_000);

describe("load: the API and 200 websocket clients annotating at once", () => {
  it(
    `serves ${LOAD_SECONDS} s of load without an error, loses nothing and keeps its memory flat`,
    async () => {
      const load = server!;
      const clients = pool!;
      const acknowledged = new Map<string, Set<string>>(articles.map((a) => [a.id, new Set()]));

      // The generator's mix: reads of every kind and a create every fifth request.
      const nextRequest = (_worker: number, sequence: number): LoadRequest => {
        const article = articles[sequence % articles.length]!;
        switch (sequence % 5) {
          case 0: {
            const [start, end] = article.spans[(sequence * 7) % article.spans.length]!;
            return {
              label: "POST annotation",
              method: "POST",
              path: `/api/v1/articles/${article.id}/annotations`,
              headers: { ...bearer(), "content-type": "application/json" },
              body: JSON.stringify({ label: "fact", start, end, note: `generator ${sequence}` }),
            };
          }
          case 1:
            return {
              label: "GET annotations",
              method: "GET",
              path: `/api/v1/articles/${article.id}/annotations`,
              headers: bearer(),
            };
          case 2:
            return {
              label: "GET articles",
              method: "GET",
              path: `/api/v1/teams/${team.slug}/articles`,
              headers: bearer(),
            };
          case 3:
            return {
              label: "GET article",
              method: "GET",
              path: `/api/v1/articles/${article.id}`,
              headers: bearer(),
            };
          default:
            return {
              label: "GET export",
              method: "GET",
              path: `/api/v1/articles/${article.id}/export?format=json`,
              headers: bearer(),
            };
        }
      };
      const recordCreate = (request: LoadRequest, status: number, body: string) => {
        if (request.method !== "POST" || status !== 201) return;
        const articleId = /articles\/([^/]+)\//.exec(request.path)![1]!;
        acknowledged.get(articleId)!.add((JSON.parse(body) as { id: string }).id);
      };

      // Warm-up (code loaded and compiled, pools connected; a few websocket clients come and go),
      // then the heap baseline.
      const warmUp = await runLoad({
        baseUrl: load.baseUrl,
        connections: 2,
        maxRequests: 40,
        next: nextRequest,
        onResponse: recordCreate,
      });
      expect(warmUp.errors, warmUp.errorSamples.join("\n")).toBe(0);
      const specs: LoadClientSpec[] = annotators.map((member, index) => ({
        index,
        cookie: member.cookie,
        articleId: articles[index % articles.length]!.id,
      }));
      const warmClients = await clients.connect(load.wsUrl, specs.slice(0, CLIENT_WORKERS), 60_000);
      expect(warmClients.ok).toBe(CLIENT_WORKERS);
      expect(await clients.disconnect()).toEqual([]);
      expect((await untilIdle(load)).documents).toBe(0);
      const before = await load.stats(true);

      const connected = await clients.connect(load.wsUrl, specs, 60_000);
      expect(connected.errors).toEqual([]);
      expect(connected.ok).toBe(CLIENTS);
      const loadStart = await load.stats(false);
      expect(loadStart.connections).toBe(CLIENTS);
      const loadStartedAt = performance.now();

      const durationMs = LOAD_SECONDS * 1000;
      const [report, annotated] = await Promise.all([
        runLoad({
          baseUrl: load.baseUrl,
          connections: HTTP_CONNECTIONS,
          durationMs,
          // A bound on waiting for one answer on a busy machine, not a speed requirement.
          requestTimeoutMs: 120_000,
          next: nextRequest,
          onResponse: recordCreate,
        }),
        clients.annotate({
          baseUrl: load.baseUrl,
          durationMs,
          pauseMs: CLIENT_PAUSE_MS,
          spans: Object.fromEntries(articles.map((a) => [a.id, a.spans])),
        }),
      ]);
      const during = await load.stats(false);
      const cpuSeconds =
        (during.cpu.user + during.cpu.system - (loadStart.cpu.user + loadStart.cpu.system)) / 1e6;
      console.log(
        `[load] generator (${HTTP_CONNECTIONS} connections, API token):\n${formatLoadReport(report)}\n` +
          `[load] ${CLIENTS} websocket clients: ${annotated.requests} creates, statuses ` +
          `${JSON.stringify(annotated.statuses)}\n[load] server during the load: ${cpuSeconds.toFixed(1)} s of CPU ` +
          `in ${((performance.now() - loadStartedAt) / 1000).toFixed(1)} s; event-loop delay p99 ` +
          `${during.eventLoopDelayMs.p99} ms, max ${during.eventLoopDelayMs.max} ms; heap ` +
          `${Math.round(during.memory.heapUsed / MB)} MB, rss ${Math.round(during.memory.rss / MB)} MB at the end`,
      );

      // No errors: every generator request answered 2xx, every client create 201.
      expect(report.errors, report.errorSamples.join("\n")).toBe(0);
      const unexpected = Object.keys(report.statuses).filter((status) => Number(status) >= 300);
      expect(unexpected, formatLoadReport(report)).toEqual([]);
      expect(annotated.requestErrors).toEqual([]);
      expect(Object.keys(annotated.statuses)).toEqual(["201"]);
      expect(annotated.requests).toBeGreaterThan(0);
      for (const created of annotated.created) acknowledged.get(created.articleId)!.add(created.id);

      // Nothing lost: acknowledged == PostgreSQL == export == every client, per article.
      const expected: Record<string, string[]> = {};
      for (const article of articles) {
        const rows = await db.annotation.findMany({
          where: { articleId: article.id, deletedAt: null },
          select: { id: true },
        });
        const inDatabase = rows.map((row) => row.id).sort();
        expect(inDatabase).toEqual([...acknowledged.get(article.id)!].sort());

        const response = await fetch(`${load.baseUrl}/api/v1/articles/${article.id}/export?format=json`, {
          headers: bearer(),
        });
        expect(response.status).toBe(200);
        const exported = (await response.json()) as ArticleExport;
        expect(validateArticleExport(exported)).toBeNull();
        expect(exported.annotations.map((annotation) => annotation.id).sort()).toEqual(inDatabase);
        expected[article.id] = inDatabase;
      }
      const verified = await clients.verify(expected, 30_000);
      expect(verified.checked).toBe(CLIENTS);
      expect(verified.mismatches).toEqual([]);
      expect(verified.events).toEqual([]);
      const total = Object.values(expected).reduce((sum, ids) => sum + ids.length, 0);
      console.log(`[load] ${total} annotations; database, export and all ${CLIENTS} clients agree`);

      // Memory flat: once the clients have left and the documents unloaded, the heap after
      // forced GC is back near its size before the load.
      expect(await clients.disconnect()).toEqual([]);
      const idle = await untilIdle(load);
      expect(idle.connections).toBe(0);
      expect(idle.documents).toBe(0);
      const after = await load.stats(true);
      const used = (stats: LoadServerStats) => stats.memory.heapUsed + stats.memory.external;
      const growth = used(after) - used(before);
      console.log(
        `[load] server memory after GC (heap + external): ${Math.round(used(before) / MB)} MB before, ` +
          `${Math.round(used(after) / MB)} MB after (growth ${(growth / MB).toFixed(1)} MB, bound ` +
          `${MEMORY_GROWTH_LIMIT_BYTES / MB} MB); heap ${Math.round(before.memory.heapUsed / MB)} → ` +
          `${Math.round(after.memory.heapUsed / MB)} MB, rss ${Math.round(before.memory.rss / MB)} → ` +
          `${Math.round(after.memory.rss / MB)} MB`,
      );
      expect(growth).toBeLessThan(MEMORY_GROWTH_LIMIT_BYTES);
    },
    LOAD_SECONDS * 1000 + 300_000,
  );
});
