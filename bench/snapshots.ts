// Issue 19: archiving cited pages. In this process: the job queue with the evidence dispatcher and
// the snapshot workers, exactly as server.ts runs them, against the benchmark database, and a
// loopback server (allowed through FETCH_ALLOW_HOSTS) serving N distinct article pages of about
// 12 KB each. N external evidence items are committed with their snapshot rows (as citing does),
// then the clock runs until every snapshot is archived:
// - throughput: snapshots archived per second (fetch, SHA-256, Readability, store);
// - memory: the process's peak RSS and heap while archiving, over the baseline, and the
//   database space the snapshots take (table + TOAST + indexes) per snapshot.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAnnotation } from "../lib/annotations/create-annotation.ts";
import { insertArticle } from "../lib/articles/create-article.ts";
import { db } from "../lib/db.ts";
import { startEvidenceArchiving } from "../lib/evidence/snapshots/start-evidence-archiving.ts";
import { getJobQueue, startJobQueue, stopJobQueue } from "../lib/jobs/job-queue.ts";
import { createTeamWithMembers } from "../tests/support/factories.ts";
import { round } from "./lib/stats.ts";
import { type Benchmark, outcome } from "./lib/types.ts";

function page(i: number): string {
  const paragraph = (n: number) =>
    `<p>Paragraph ${n} of report ${i}: the harbour authority counted ${1000 + i * 7 + n} containers, ` +
    "while the union's own tally, published the same week, put the figure markedly higher and " +
    "questioned how the night shifts had been counted.</p>";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report ${i}</title>
<script>window.analytics = ${JSON.stringify("x".repeat(2000))};</script></head>
<body><nav>Home | News | Ports</nav><article><h1>Report ${i}</h1>
${Array.from({ length: 40 }, (_, n) => paragraph(n)).join("\n")}</article><footer>© Harbour Courier</footer></body></html>`;
}

const MB = 1024 * 1024;

export const snapshots: Benchmark = {
  name: "snapshots",
  title: "Evidence snapshots: archive throughput for cited pages from a loopback server, memory",
  needsServer: true,
  async run(ctx) {
    const count = ctx.smoke ? 20 : 1000;
    const server = createServer((req, res) => {
      const i = Number((req.url ?? "").split("/").pop());
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(i));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    process.env.FETCH_ALLOW_HOSTS = `127.0.0.1:${port}`;

    const team = await createTeamWithMembers();
    const article = await db.$transaction((tx) =>
      insertArticle(tx, {
        teamId: team.id,
        importedById: team.annotator.id,
        title: "Snapshot bench",
        format: "text",
        content: "The harbour authority counted the containers.",
      }),
    );
    const annotation = await createAnnotation({
      actor: team.annotator.actor,
      articleId: article.id,
      input: { label: "fact", start: 4, end: 21 },
    });
    // Committed as citing does: each evidence row with its snapshot row (state archiving).
    const urls = Array.from({ length: count }, (_, i) => `http://127.0.0.1:${port}/report/${i}`);
    for (let i = 0; i < count; i += 500) {
      await db.$transaction(async (tx) => {
        const rows = await tx.evidence.createManyAndReturn({
          data: urls.slice(i, i + 500).map((url) => ({
            annotationId: annotation.id,
            relation: "CORROBORATES" as const,
            url,
            addedById: team.annotator.id,
          })),
          select: { id: true, url: true },
        });
        await tx.evidenceSnapshot.createMany({
          data: rows.map((row) => ({ evidenceId: row.id, teamId: team.id, url: row.url! })),
        });
      });
    }

    global.gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 50);
    const boss = await startJobQueue(ctx.databaseUrl);
    const started = performance.now();
    try {
      await startEvidenceArchiving(boss, getJobQueue()!.pool, { intervalMs: 200 });
      const deadline = Date.now() + 900_000;
      for (;;) {
        const pending = await db.evidenceSnapshot.count({ where: { teamId: team.id, state: "ARCHIVING" } });
        if (pending === 0) break;
        if (Date.now() > deadline) throw new Error(`${pending} of ${count} snapshots still archiving`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const failed = await db.evidenceSnapshot.count({ where: { teamId: team.id, state: "FAILED" } });
      const [space] = await db.$queryRaw<{ bytes: bigint }[]>`
        SELECT pg_total_relation_size('"EvidenceSnapshot"') AS bytes`;
      const stored = await db.evidenceSnapshot.aggregate({
        where: { teamId: team.id },
        _avg: { byteLength: true },
      });
      const throughput = count / seconds;
      const perSnapshotKiB = Number(space?.bytes ?? 0n) / 1024 / count;
      ctx.log(
        `snapshots: ${count} archived in ${round(seconds)} s (${round(throughput)}/s), ${failed} failed`,
      );
      return outcome({
        tables: [
          {
            title: "Evidence snapshots",
            columns: ["measure", "value"],
            rows: [
              { measure: "cited pages", value: count },
              { measure: "page size (KiB)", value: round((stored._avg.byteLength ?? 0) / 1024) },
              { measure: "archived per second", value: round(throughput) },
              { measure: "total time (s)", value: round(seconds) },
              { measure: "failed", value: failed },
              { measure: "peak RSS over baseline (MiB)", value: round((peakRss - baseline.rss) / MB) },
              { measure: "peak heap over baseline (MiB)", value: round((peakHeap - baseline.heapUsed) / MB) },
              { measure: "database space per snapshot (KiB)", value: round(perSnapshotKiB) },
            ],
          },
        ],
        budgets: [
          {
            name: "every cited page archived",
            limit: "0 failed",
            measured: `${failed} failed`,
            met: failed === 0,
          },
        ],
        data: {
          count,
          seconds,
          throughput,
          failed,
          baselineRssMiB: baseline.rss / MB,
          peakRssMiB: peakRss / MB,
          peakHeapMiB: peakHeap / MB,
          tableBytes: Number(space?.bytes ?? 0n),
        },
        notes: [
          "In-process: dispatcher every 200 ms, one worker fetching 8 jobs at a time (startEvidenceArchiving defaults); Readability runs in the worker's thread.",
          "Database space is the whole EvidenceSnapshot table (with TOAST and indexes) divided by the pages of this run.",
        ],
      });
    } finally {
      clearInterval(sampler);
      await stopJobQueue(2);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  },
};
