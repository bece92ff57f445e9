// Item 4 (issue 8; budgets of issue 23 item 5): team export of 100,000 annotations over 1,000
// articles (bulk-loaded): annotations per second and the server's peak memory growth while it streams.
import { bulkLoad } from "./lib/bulk-load.ts";
import { createBenchTeam, createBenchToken } from "./lib/fixtures.ts";
import { postgresCpuMs } from "./lib/postgres-cpu.ts";
import type { ServerStats } from "./lib/server.ts";
import { formatBytes } from "./lib/stats.ts";
import { type Benchmark, NotAvailable, outcome } from "./lib/types.ts";

const used = (s: ServerStats) => s.memory.heapUsed + s.memory.external;

export const exportBench: Benchmark = {
  name: "export",
  title: "Team export: 100,000 annotations over 1,000 articles",
  needsServer: true,
  async run(ctx) {
    const server = await ctx.server();
    const articles = ctx.smoke ? 10 : 1000;
    const perArticle = ctx.smoke ? 10 : 100;
    const team = await createBenchTeam();
    // REVIEW too: an exporter with it sees every status (pending, approved, rejected), so all
    // 100,000 annotations are exported.
    const token = await createBenchToken(team, ["READ", "EXPORT", "REVIEW"]);
    const path = `/api/v1/teams/${team.slug}/export?format=ndjson`;
    const probe = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await probe.arrayBuffer();
    if (probe.status === 404 && !(probe.headers.get("content-type") ?? "").includes("json"))
      throw new NotAvailable(`GET ${path.split("?")[0]} is 404`);
    if (probe.status !== 200) throw new Error(`export probe: HTTP ${probe.status}`);

    const load = await bulkLoad(ctx.databaseUrl, {
      teamId: team.id,
      authorId: team.annotator.id,
      articles,
      annotationsPerArticle: perArticle,
      wordsPerArticle: ctx.smoke ? 100 : 600,
      log: ctx.log,
    });

    const database = new URL(ctx.databaseUrl).pathname.slice(1);
    const runs: Array<Record<string, unknown>> = [];
    for (let run = 0; run < (ctx.smoke ? 1 : 2); run++) {
      const baseline = await server.stats({ gc: true });
      let peak: ServerStats = baseline;
      let sampling = true;
      const sampler = (async () => {
        for (let i = 0; sampling && i < 100_000; i++) {
          const s = await server.stats().catch(() => null);
          if (s && s.memory.rss > peak.memory.rss)
            peak = { ...peak, memory: { ...peak.memory, rss: s.memory.rss } };
          if (s && s.memory.heapUsed + s.memory.external > peak.memory.heapUsed + peak.memory.external)
            peak = {
              ...peak,
              memory: { ...peak.memory, heapUsed: s.memory.heapUsed, external: s.memory.external },
            };
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      const postgresBefore = postgresCpuMs(database);
      const started = performance.now();
      const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200 || !response.body) throw new Error(`export: HTTP ${response.status}`);
      let annotations = 0;
      let lines = 0;
      let bytes = 0;
      let pending = "";
      const decoder = new TextDecoder();
      let firstByteMs = 0;
      for await (const chunk of response.body) {
        if (!firstByteMs) firstByteMs = performance.now() - started;
        bytes += chunk.byteLength;
        pending += decoder.decode(chunk, { stream: true });
        let newline = pending.indexOf("\n");
        while (newline !== -1) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          if (line.trim()) {
            lines++;
            annotations += ((JSON.parse(line) as { annotations?: unknown[] }).annotations ?? []).length;
          }
          newline = pending.indexOf("\n");
        }
      }
      if (pending.trim()) {
        lines++;
        annotations += ((JSON.parse(pending) as { annotations?: unknown[] }).annotations ?? []).length;
      }
      const seconds = (performance.now() - started) / 1000;
      const postgresAfter = postgresCpuMs(database);
      sampling = false;
      await sampler;
      const done = await server.stats();
      const serverCpu = (done.cpu.user + done.cpu.system - baseline.cpu.user - baseline.cpu.system) / 1e6;
      const retained = await server.stats({ gc: true });
      runs.push({
        run: run + 1,
        articles: lines,
        annotations,
        seconds,
        "annotations/s": Math.round(annotations / seconds),
        "first byte ms": firstByteMs,
        "server CPU s": serverCpu,
        "PostgreSQL CPU s":
          postgresBefore === null || postgresAfter === null ? "n/a" : (postgresAfter - postgresBefore) / 1000,
        MB: bytes / 1024 / 1024,
        "rss growth": formatBytes(peak.memory.rss - baseline.memory.rss),
        "heap+ext growth": formatBytes(
          peak.memory.heapUsed + peak.memory.external - baseline.memory.heapUsed - baseline.memory.external,
        ),
        "retained after GC": formatBytes(used(retained) - used(baseline)),
        _rss: peak.memory.rss - baseline.memory.rss,
        _heap:
          peak.memory.heapUsed + peak.memory.external - baseline.memory.heapUsed - baseline.memory.external,
      });
    }
    const best = runs.at(-1)!;
    const rate = best["annotations/s"] as number;
    const growth = Math.max(best._rss as number, best._heap as number);
    return outcome({
      tables: [
        {
          title: `format=ndjson, ${articles} articles × ${perArticle} annotations (bulk load ${load.ms} ms)`,
          columns: [
            "run",
            "articles",
            "annotations",
            "seconds",
            "annotations/s",
            "first byte ms",
            "server CPU s",
            "PostgreSQL CPU s",
            "MB",
            "rss growth",
            "heap+ext growth",
            "retained after GC",
          ],
          rows: runs,
        },
      ],
      budgets: [
        {
          name: "export throughput",
          limit: ">= 100,000 annotations/s",
          measured: `${rate}/s`,
          met: ctx.smoke ? null : rate >= 100_000,
        },
        {
          name: "export server memory growth",
          limit: "< 64 MB",
          measured: formatBytes(growth),
          met: ctx.smoke ? null : growth < 64 * 1024 * 1024,
        },
      ],
      data: { runs, loadMs: load.ms },
      notes: [
        "Memory sampled in the server process every ~25 ms over IPC (no forced GC during the export); growth = peak - baseline after GC. The last run is judged (the first warms code paths).",
        "CPU: the server process's user+system time over the download (its IPC sampling included), and that of the database's PostgreSQL backends (/proc; n/a elsewhere): figures a busy machine stretches far less than the seconds.",
      ],
    });
  },
};
