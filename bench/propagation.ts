// Item 2: live propagation. N real Hocuspocus providers (in client worker processes) hold one
// article; annotations created through the API must reach all of them. The floor is the same
// clients receiving a plain Y.Map write relayed by the same server (a moderator's writable body
// connection in this process), with no database or API in the path.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { normaliseSpan } from "../lib/anchors/anchor.ts";
import { ANNOTATIONS_MAP } from "../lib/annotations/live-entry.ts";
import { startClientPool } from "./lib/clients.ts";
import { createBenchArticle, createBenchTeam, createBenchToken, sessionCookie } from "./lib/fixtures.ts";
import { type Summary, summarize } from "./lib/stats.ts";
import { generateArticle } from "./lib/text.ts";
import { type Benchmark, type Budget, outcome } from "./lib/types.ts";

const FLOOR_MAP = "bench-floor";
/** How long one write may take to reach every client before it counts as missed. */
const ITEM_TIMEOUT_MS = 3000;
/** A phase stops after this many writes in a row missed some client (bounded run time). */
const MAX_INCOMPLETE = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const msSince = (t0: bigint, t: bigint) => Number(t - t0) / 1e6;

function connectWriter(url: string, cookie: string, name: string): Promise<{ doc: Y.Doc; close(): void }> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url,
    maxAttempts: 1,
    WebSocketPolyfill: class extends WebSocket {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie } });
      }
    },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("floor writer did not sync")), 15_000);
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: doc,
      onSynced: () => {
        clearTimeout(timer);
        resolve({
          doc,
          close() {
            provider.destroy();
            socket.destroy();
          },
        });
      },
      onAuthenticationFailed: ({ reason }) => reject(new Error(`floor writer refused: ${reason}`)),
    });
    provider.attach();
  });
}

export const propagation: Benchmark = {
  name: "propagation",
  title: "Live propagation of annotations to N clients, and the Yjs relay floor",
  needsServer: true,
  async run(ctx) {
    const server = await ctx.server();
    const sizes = ctx.smoke ? [1, 3] : [1, 10, 50, 200];
    const samplesFor = (n: number) => (ctx.smoke ? 5 : n >= 200 ? 30 : 50);
    const warmup = ctx.smoke ? 1 : 5;
    const team = await createBenchTeam();
    const token = await createBenchToken(team, ["READ", "ANNOTATE"]);
    const readerCookie = await sessionCookie(team.viewer);
    const writerCookie = await sessionCookie(team.moderator);
    const pool = startClientPool(Math.min(4, Math.max(...sizes)));
    const rows: Record<string, unknown>[] = [];
    const raw: Record<string, unknown> = {};
    const budgets: Budget[] = [];
    const notes: string[] = [];
    try {
      for (const n of sizes) {
        const article = await createBenchArticle(team, `Propagation ${n}`, generateArticle(800, n));
        const annotationsDoc = `article.${article.id}.annotations`;
        const bodyDoc = `article.${article.id}`;
        const clients = Array.from({ length: n }, () => ({
          cookie: readerCookie,
          documents: [annotationsDoc, bodyDoc],
        }));
        const connected = await pool.connect(
          server.wsUrl,
          clients,
          [
            { document: annotationsDoc, map: ANNOTATIONS_MAP },
            { document: bodyDoc, map: FLOOR_MAP },
          ],
          { concurrency: 10 },
        );
        if (connected.failed > 0)
          throw new Error(`${connected.failed} of ${n} clients failed: ${connected.errors.join("; ")}`);
        const writer = await connectWriter(server.wsUrl, writerCookie, bodyDoc);

        const count = samplesFor(n);
        const floor: number[] = [];
        const floorMissing: number[] = [];
        // Floor first, then let the debounced body store (2 s) run, then the annotations, so the
        // store of the floor writes does not overlap the annotation measurements.
        let incomplete = 0;
        for (let i = 0; i < warmup + count && incomplete < MAX_INCOMPLETE; i++) {
          const key = `k${i}`;
          const wait = pool.waitFor(bodyDoc, key, n, ITEM_TIMEOUT_MS);
          const t0 = process.hrtime.bigint();
          writer.doc.getMap(FLOOR_MAP).set(key, i);
          const times = await wait;
          incomplete = times.length < n ? incomplete + 1 : 0;
          if (i >= warmup) {
            for (const t of times) floor.push(msSince(t0, t));
            if (times.length < n) floorMissing.push(n - times.length);
          }
          await sleep(10);
        }
        if (incomplete >= MAX_INCOMPLETE)
          notes.push(
            `${n} clients: floor stopped after ${MAX_INCOMPLETE} writes in a row did not reach every client`,
          );
        writer.close();
        await sleep(2500);

        const latencies: number[] = [];
        const apiTimes: number[] = [];
        let missing = 0;
        const text = article.text;
        incomplete = 0;
        for (let i = 0; i < warmup + count && incomplete < MAX_INCOMPLETE; i++) {
          const from = (i * 997) % Math.max(1, text.length - 100);
          const span = normaliseSpan(text, from, from + 40) ?? { start: 0, end: 10 };
          const t0 = process.hrtime.bigint();
          const response = await fetch(`${server.url}/api/v1/articles/${article.id}/annotations`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: JSON.stringify({ label: "fact", start: span.start, end: span.end, note: `bench ${i}` }),
          });
          const tApi = process.hrtime.bigint();
          if (response.status !== 201)
            throw new Error(`create annotation: HTTP ${response.status} ${await response.text()}`);
          const { id } = (await response.json()) as { id: string };
          const times = await pool.waitFor(annotationsDoc, id, n, ITEM_TIMEOUT_MS);
          incomplete = times.length < n ? incomplete + 1 : 0;
          if (i >= warmup) {
            apiTimes.push(msSince(t0, tApi));
            for (const t of times) latencies.push(msSince(t0, t));
            missing += n - times.length;
          }
          await sleep(10);
        }
        await pool.disconnect();

        const a: Summary = summarize(latencies);
        const f: Summary = summarize(floor);
        const api = summarize(apiTimes);
        raw[`n${n}`] = { annotation: a, floor: f, api, connectMs: connected.ms, missing, floorMissing };
        rows.push({
          clients: n,
          samples: a.n,
          "ann p50": a.p50,
          "ann p95": a.p95,
          "ann p99": a.p99,
          "floor p50": f.p50,
          "floor p95": f.p95,
          "floor p99": f.p99,
          "p50 ratio": a.p50 / f.p50,
          "API p50": api.p50,
          missed: missing,
          "floor missed": floorMissing.reduce((sum, m) => sum + m, 0),
        });
        if (missing > 0)
          notes.push(`${n} clients: ${missing} receipts did not arrive within ${ITEM_TIMEOUT_MS / 1000} s`);
        if (incomplete >= MAX_INCOMPLETE)
          notes.push(
            `${n} clients: annotations stopped after ${MAX_INCOMPLETE} in a row did not reach every client`,
          );
        if (n === 50 || (ctx.smoke && n === sizes.at(-1))) {
          budgets.push({
            name: `propagation p99 at ${n} clients`,
            limit: "<= 50 ms",
            measured: `${a.p99.toFixed(1)} ms`,
            met: ctx.smoke ? null : a.p99 <= 50,
          });
        }
        budgets.push({
          name: `propagation p50 ratio to floor at ${n} clients`,
          limit: "<= 5",
          measured: (a.p50 / f.p50).toFixed(2),
          met: ctx.smoke ? null : a.p50 / f.p50 <= 5,
        });
        ctx.log(`propagation: ${n} clients done`);
      }
    } finally {
      await pool.stop();
    }
    return outcome({
      tables: [
        {
          title:
            "Time from the API request (annotation) or the Y.Map write (floor) until each client holds it, ms",
          columns: Object.keys(rows[0] ?? {}),
          rows,
        },
      ],
      budgets,
      data: raw,
      notes: [
        ...notes,
        "One clock: receive times are process.hrtime.bigint() (CLOCK_MONOTONIC, shared by all processes) taken in the client workers' Y.Map observers; send times in this process just before the POST / the write.",
      ],
    });
  },
};
