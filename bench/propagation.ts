// Item 2: live propagation. N real Hocuspocus providers (in client worker processes) hold one
// article; annotations created from the page (a stateless command on an annotator's open
// annotations websocket, lib/collab/annotation-commands.ts) and through the HTTP API must reach all
// of them. The floor is the same clients receiving a plain Y.Map write relayed by the same server
// (a moderator's writable body connection in this process), with no database or API in the path.
// The largest N (1,000: issue 23, item 3) also gives the server's memory per idle connection.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { normaliseSpan } from "../lib/anchors/anchor.ts";
import { ANNOTATIONS_MAP } from "../lib/annotations/live-entry.ts";
import { CREATE_ANNOTATION_COMMAND, parseCommandAck } from "../lib/collab/live-commands.ts";
import { type ClientPool, startClientPool } from "./lib/clients.ts";
import { createBenchArticle, createBenchTeam, createBenchToken, sessionCookie } from "./lib/fixtures.ts";
import { type BenchServer, memoryPerConnection, type ServerStats } from "./lib/server.ts";
import { formatBytes, type Summary, summarize } from "./lib/stats.ts";
import { generateArticle } from "./lib/text.ts";
import { type Benchmark, type Budget, outcome } from "./lib/types.ts";

const FLOOR_MAP = "bench-floor";
/** How long one write may take to reach every client before it counts as missed. */
const ITEM_TIMEOUT_MS = 3000;
/** A phase stops after this many writes in a row missed some client (bounded run time). */
const MAX_INCOMPLETE = 3;
/** From this many clients on, memory per idle connection is measured. */
const MANY = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const msSince = (t0: bigint, t: bigint) => Number(t - t0) / 1e6;

interface LiveWriter {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  close(): void;
}

function connectWriter(url: string, cookie: string, name: string): Promise<LiveWriter> {
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
    const timer = setTimeout(() => {
      provider.destroy();
      socket.destroy();
      reject(new Error(`${name}: writer did not sync`));
    }, 15_000);
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: doc,
      onSynced: () => {
        clearTimeout(timer);
        resolve({
          doc,
          provider,
          close() {
            provider.destroy();
            socket.destroy();
          },
        });
      },
      onAuthenticationFailed: ({ reason }) => reject(new Error(`${name}: writer refused: ${reason}`)),
    });
    provider.attach();
  });
}

/** One write: the key the clients will hold, when it was sent, when its sender had the answer. */
interface Sent {
  key: string;
  t0: bigint;
  answered: bigint;
}

interface Phase {
  latency: Summary;
  /** Send to answer (the HTTP response, the command's ack; the floor's write itself). */
  answer: Summary;
  missing: number;
  stopped: boolean;
}

// Writes one at a time (`send`), each waited for until all `n` clients hold it.
async function runPhase(
  pool: ClientPool,
  document: string,
  n: number,
  warmup: number,
  count: number,
  send: (i: number) => Promise<Sent>,
): Promise<Phase> {
  const latencies: number[] = [];
  const answers: number[] = [];
  let missing = 0;
  let incomplete = 0;
  for (let i = 0; i < warmup + count && incomplete < MAX_INCOMPLETE; i++) {
    const { key, t0, answered } = await send(i);
    const times = await pool.waitFor(document, key, n, ITEM_TIMEOUT_MS);
    incomplete = times.length < n ? incomplete + 1 : 0;
    if (i >= warmup) {
      answers.push(msSince(t0, answered));
      for (const t of times) latencies.push(msSince(t0, t));
      missing += n - times.length;
    }
    await sleep(10);
  }
  return {
    latency: summarize(latencies),
    answer: summarize(answers),
    missing,
    stopped: incomplete >= MAX_INCOMPLETE,
  };
}

// The page's create: a stateless command on the annotator's annotations connection, answered by an ack.
function sendCommand(writer: LiveWriter, input: unknown): Promise<Sent> {
  const requestId = crypto.randomUUID();
  return new Promise((resolve, reject) => {
    const onStateless = ({ payload }: { payload: string }) => {
      const ack = parseCommandAck(payload);
      if (ack?.requestId !== requestId) return;
      const answered = process.hrtime.bigint();
      writer.provider.off("stateless", onStateless);
      if (ack.ok) resolve({ key: ack.annotation.id, t0, answered });
      else reject(new Error(`page create refused: ${ack.error.code} ${ack.error.message}`));
    };
    writer.provider.on("stateless", onStateless);
    const t0 = process.hrtime.bigint();
    writer.provider.sendStateless(JSON.stringify({ type: CREATE_ANNOTATION_COMMAND, requestId, input }));
  });
}

// After a connection storm a busy server may take longer than one stats request's 30 s to answer.
async function statsWhenAnswering(server: BenchServer): Promise<ServerStats> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await server.stats({ gc: true });
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
}

function spanAt(text: string, i: number, shift: number) {
  const from = (i * 997 + shift) % Math.max(1, text.length - 100);
  return normaliseSpan(text, from, from + 40) ?? { start: 0, end: 10 };
}

export const propagation: Benchmark = {
  name: "propagation",
  title: "Live propagation of annotations (page and API) to N clients, and the Yjs relay floor",
  needsServer: true,
  async run(ctx) {
    const server = await ctx.server();
    const sizes = ctx.smoke
      ? [1, 3, 8]
      : (process.env.BENCH_PROPAGATION_CLIENTS ?? "1,10,50,200,1000").split(",").map(Number);
    const mid = ctx.smoke ? 3 : 50;
    const many = sizes.at(-1)!;
    const samplesFor = (n: number) => (ctx.smoke ? 5 : n >= 1000 ? 20 : n >= 200 ? 30 : 50);
    const warmup = ctx.smoke ? 1 : 5;
    const team = await createBenchTeam();
    const token = await createBenchToken(team, ["READ", "ANNOTATE"]);
    const readerCookie = await sessionCookie(team.viewer);
    const writerCookie = await sessionCookie(team.moderator);
    const annotatorCookie = await sessionCookie(team.annotator);
    const pool = startClientPool(Math.min(4, many));
    const rows: Record<string, unknown>[] = [];
    const raw: Record<string, unknown> = {};
    const budgets: Budget[] = [];
    const notes: string[] = [];
    const budget = (name: string, limit: string, measured: string, met: boolean) =>
      budgets.push({ name, limit, measured, met: ctx.smoke ? null : met });
    try {
      for (const n of sizes) {
        try {
          const article = await createBenchArticle(team, `Propagation ${n}`, generateArticle(800, n));
          const annotationsDoc = `article.${article.id}.annotations`;
          const bodyDoc = `article.${article.id}`;
          const client = { cookie: readerCookie, documents: [annotationsDoc, bodyDoc] };
          const watch = [
            { document: annotationsDoc, map: ANNOTATIONS_MAP },
            { document: bodyDoc, map: FLOOR_MAP },
          ];
          // 10 at a time per worker, as before; a busy machine needs the long sync timeout at 1,000.
          const options = { concurrency: 10, timeoutMs: n >= MANY ? 180_000 : 30_000 };
          // From MANY clients on (and at the largest N): one client first (it loads the two documents), the server's memory
          // after forced collections, the others, the memory again (as bench/capacity.ts does).
          const measureMemory = n >= MANY || n === many;
          const first = measureMemory ? await pool.connect(server.wsUrl, [client], watch, options) : null;
          const before = first ? await statsWhenAnswering(server) : null;
          const rest = await pool.connect(
            server.wsUrl,
            Array.from({ length: first ? n - 1 : n }, () => client),
            watch,
            options,
          );
          // The connection storm's relays (each new client's presence goes to all the others) settle first.
          if (before) await sleep(5000);
          const after = before ? await statsWhenAnswering(server) : null;
          const failed = rest.failed + (first?.failed ?? 0);
          if (failed > 0)
            throw new Error(
              `${failed} of ${n} clients failed: ${[...(first?.errors ?? []), ...rest.errors].join("; ")}`,
            );
          const memory = before && after ? memoryPerConnection(before, after, n - 1) : null;
          const count = samplesFor(n);

          // Floor first, then let the debounced body store (2 s) run, then the annotations, so the
          // store of the floor writes does not overlap the annotation measurements.
          const writer = await connectWriter(server.wsUrl, writerCookie, bodyDoc);
          const floor = await runPhase(pool, bodyDoc, n, warmup, count, async (i) => {
            const t0 = process.hrtime.bigint();
            writer.doc.getMap(FLOOR_MAP).set(`k${i}`, i);
            return { key: `k${i}`, t0, answered: t0 };
          });
          writer.close();
          await sleep(2500);

          const text = article.text;
          const annotator = await connectWriter(server.wsUrl, annotatorCookie, annotationsDoc);
          const page = await runPhase(pool, annotationsDoc, n, warmup, count, (i) =>
            sendCommand(annotator, { label: "fact", ...spanAt(text, i, 500), note: `page ${i}` }),
          );
          annotator.close();
          const api = await runPhase(pool, annotationsDoc, n, warmup, count, async (i) => {
            const t0 = process.hrtime.bigint();
            const response = await fetch(`${server.url}/api/v1/articles/${article.id}/annotations`, {
              method: "POST",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: JSON.stringify({ label: "fact", ...spanAt(text, i, 0), note: `bench ${i}` }),
            });
            const answered = process.hrtime.bigint();
            if (response.status !== 201)
              throw new Error(`create annotation: HTTP ${response.status} ${await response.text()}`);
            const { id } = (await response.json()) as { id: string };
            return { key: id, t0, answered };
          });
          await pool.disconnect();

          const f = floor.latency;
          const p = page.latency;
          const a = api.latency;
          raw[`n${n}`] = {
            page,
            api,
            floor,
            connectMs: rest.ms + (first?.ms ?? 0),
            ...(memory ? { memoryPerConnection: memory, memory: { before, after } } : {}),
          };
          rows.push({
            clients: n,
            samples: a.n,
            "page p50": p.p50,
            "page p99": p.p99,
            "page ratio": p.p50 / f.p50,
            "ack p50": page.answer.p50,
            "API p50": a.p50,
            "API p95": a.p95,
            "API p99": a.p99,
            "API ratio": a.p50 / f.p50,
            "response p50": api.answer.p50,
            "floor p50": f.p50,
            "floor p95": f.p95,
            "floor p99": f.p99,
            "mem/conn": memory ? formatBytes(memory.used) : "",
            missed: `${page.missing}/${api.missing}/${floor.missing}`,
          });
          for (const [what, phase] of [
            ["page creates", page],
            ["API creates", api],
            ["floor writes", floor],
          ] as const) {
            if (phase.missing > 0)
              notes.push(
                `${n} clients, ${what}: ${phase.missing} receipts did not arrive within ${ITEM_TIMEOUT_MS / 1000} s`,
              );
            if (phase.stopped)
              notes.push(
                `${n} clients, ${what}: stopped after ${MAX_INCOMPLETE} in a row did not reach every client`,
              );
          }
          if (n === mid) {
            budget(`propagation p99 at ${n} clients`, "<= 50 ms", `${a.p99.toFixed(1)} ms`, a.p99 <= 50);
            budget(
              `page create p50 ratio to floor at ${n} clients`,
              "<= 2",
              (p.p50 / f.p50).toFixed(2),
              p.p50 / f.p50 <= 2,
            );
            budget(`page create p99 at ${n} clients`, "<= 30 ms", `${p.p99.toFixed(1)} ms`, p.p99 <= 30);
          }
          if (n !== many || ctx.smoke)
            budget(
              `propagation p50 ratio to floor at ${n} clients`,
              "<= 5",
              (a.p50 / f.p50).toFixed(2),
              a.p50 / f.p50 <= 5,
            );
          if (n === many) {
            budget(`page create p99 at ${n} clients`, "<= 100 ms", `${p.p99.toFixed(1)} ms`, p.p99 <= 100);
            if (memory)
              budget(
                `memory per idle connection at ${n} clients`,
                "< 20 KB",
                formatBytes(memory.used),
                memory.used < 20 * 1024,
              );
          }
          ctx.log(`propagation: ${n} clients done`);
        } catch (error) {
          // A busy machine may not manage the largest runs: report what was measured, and why not.
          if (n < MANY) throw error;
          notes.push(
            `${n} clients: not measured: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`,
          );
          await pool.disconnect().catch(() => {});
        }
      }
    } finally {
      await pool.stop();
    }
    return outcome({
      tables: [
        {
          title:
            "Time from the page's command (page), the API request (API) or the Y.Map write (floor) until each client holds it, ms",
          columns: Object.keys(rows[0] ?? {}),
          rows,
        },
      ],
      budgets,
      data: raw,
      notes: [
        ...notes,
        "One clock: receive times are process.hrtime.bigint() (CLOCK_MONOTONIC, shared by all processes) taken in the client workers' Y.Map observers; send times in this process just before the command / the POST / the write.",
        `Memory per idle connection (from ${MANY} clients, and at ${many}): heap+external after forced collections, (all connected - one connected) / (N - 1), both documents loaded by the first.`,
      ],
    });
  },
};
