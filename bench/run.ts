// `npm run bench` (and `npm run bench:smoke`): runs every benchmark of issue 8 against a
// production build and a real PostgreSQL (embedded by default, or DATABASE_URL), prints a
// table per benchmark and writes JSON results to bench/results/.
//
//   tsx bench/run.ts [--smoke] [--only=reanchor,propagation,...]
//
// Exits non-zero only when a benchmark crashes, never because a figure missed its budget.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import type { BenchServer } from "./lib/server.ts";
import { renderTable } from "./lib/stats.ts";
import { type BenchContext, type Benchmark, type BenchOutcome, NotAvailable } from "./lib/types.ts";

const ROOT = join(import.meta.dirname, "..");
const RESULTS_DIR = join(import.meta.dirname, "results");
const args = process.argv.slice(2);
const smoke = args.includes("--smoke") || process.env.BENCH_SMOKE === "1";
const only = args
  .find((arg) => arg.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",")
  .filter(Boolean);

const log = (line: string) => console.log(`[bench] ${line}`);

interface RunRecord {
  name: string;
  title: string;
  status: "ok" | "not available" | "failed";
  reason?: string;
  seconds: number;
  outcome?: BenchOutcome;
}

async function loadBenchmarks(): Promise<Benchmark[]> {
  const modules = await Promise.all([
    import("./reanchor.ts").then((m) => m.reanchor),
    import("./propagation.ts").then((m) => m.propagation),
    import("./capacity.ts").then((m) => m.capacity),
    import("./export.ts").then((m) => m.exportBench),
    import("./page.ts").then((m) => m.page),
    import("./imports.ts").then((m) => m.imports),
    import("./webhooks.ts").then((m) => m.webhooks),
    import("./public-page.ts").then((m) => m.publicPage),
    import("./snapshots.ts").then((m) => m.snapshots),
    // Last: its ten million rows stay in the database, and the minutes after loading them
    // (checkpoints, a full buffer cache) slowed every benchmark that ran after it.
    import("./queries.ts").then((m) => m.queries),
  ]);
  return modules.filter((b) => !only || only.includes(b.name));
}

function ensureBuild(): void {
  if (existsSync(join(ROOT, ".next", "BUILD_ID")) && process.env.BENCH_BUILD !== "1") return;
  log("no production build (or BENCH_BUILD=1): running next build");
  const result = spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`next build failed with status ${result.status}`);
}

function machine(): Record<string, unknown> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    freeMemoryGiB: Math.round(freemem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    // Other work on the machine distorts every figure: the 1, 5 and 15 minute load averages.
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

async function main(): Promise<void> {
  const benchmarks = await loadBenchmarks();
  if (benchmarks.length === 0) throw new Error(`no benchmark matches --only=${only?.join(",")}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  log(
    `${smoke ? "smoke mode (tiny sizes, figures not meaningful)" : "full run"}: ${benchmarks.map((b) => b.name).join(", ")}`,
  );

  let stopDatabase: () => Promise<void> = async () => {};
  let databaseUrl = process.env.DATABASE_URL ?? "";
  let dataDir: string | null = null;
  let server: BenchServer | null = null;
  let serverStarting: Promise<BenchServer> | null = null;

  if (benchmarks.some((b) => b.needsServer)) {
    process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
    process.env.NEXTAUTH_URL ??= "http://127.0.0.1";
    if (!databaseUrl) {
      const { startEmbeddedPostgres } = await import("../lib/db/embedded.ts");
      dataDir = join(tmpdir(), `proofmark-bench-${process.pid}`);
      rmSync(dataDir, { recursive: true, force: true });
      const started = Date.now();
      const database = await startEmbeddedPostgres({
        dataDir,
        database: "proofmark_bench",
        persistent: false,
      });
      databaseUrl = database.url;
      stopDatabase = () => database.stop();
      log(`embedded PostgreSQL ready in ${Date.now() - started} ms`);
    } else {
      log("using DATABASE_URL (the benchmarks add a lot of rows to it)");
    }
    process.env.DATABASE_URL = databaseUrl;
    const { migrateDatabase } = await import("../lib/db/migrate.ts");
    await migrateDatabase(databaseUrl);
  }

  const ctx: BenchContext = {
    smoke,
    log,
    databaseUrl,
    server() {
      if (server) return Promise.resolve(server);
      serverStarting ??= (async () => {
        ensureBuild();
        const { startBenchServer } = await import("./lib/server.ts");
        const started = Date.now();
        server = await startBenchServer({
          DATABASE_URL: databaseUrl,
          NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "",
          NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? "",
          // Every simulated client connects from 127.0.0.1; in production they are many
          // addresses. Lift the per-address websocket throttle (lib/collab/connection-throttle.ts).
          COLLAB_MAX_CONNECTIONS_PER_ADDRESS: "100000",
          COLLAB_MAX_NEW_CONNECTIONS_PER_MINUTE: "100000",
        });
        log(`production server ready on ${server.url} in ${Date.now() - started} ms (pid ${server.pid})`);
        return server;
      })();
      return serverStarting;
    },
  };

  const records: RunRecord[] = [];
  const startedAt = new Date();
  try {
    for (const benchmark of benchmarks) {
      console.log(`\n=== ${benchmark.name}: ${benchmark.title} (load average ${loadavg()[0]?.toFixed(2)})`);
      const started = Date.now();
      const record: RunRecord = { name: benchmark.name, title: benchmark.title, status: "ok", seconds: 0 };
      try {
        record.outcome = await benchmark.run(ctx);
        for (const table of record.outcome.tables) {
          console.log(`\n${table.title}\n${renderTable(table.columns, table.rows)}`);
        }
        for (const note of record.outcome.notes) console.log(`note: ${note}`);
      } catch (error) {
        if (error instanceof NotAvailable) {
          record.status = "not available";
          record.reason = error.message;
          console.log(`not available yet: ${error.message}`);
        } else {
          record.status = "failed";
          record.reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
          console.error(`FAILED: ${record.reason}`);
        }
      }
      record.seconds = Math.round((Date.now() - started) / 100) / 10;
      records.push(record);
      writeFileSync(
        join(RESULTS_DIR, `${benchmark.name}${smoke ? ".smoke" : ""}.json`),
        `${JSON.stringify({ ...record, smoke, at: new Date().toISOString(), machine: machine() }, null, 2)}\n`,
      );
    }
  } finally {
    await (server as BenchServer | null)?.stop().catch(() => {});
    if (databaseUrl) {
      const { disconnectDb } = await import("../lib/db.ts");
      await disconnectDb().catch(() => {});
    }
    await stopDatabase().catch(() => {});
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }

  const budgets = records.flatMap((r) =>
    (r.outcome?.budgets ?? []).map((b) => ({ benchmark: r.name, ...b })),
  );
  console.log("\n=== Budgets");
  console.log(
    renderTable(
      ["benchmark", "name", "limit", "measured", "met"],
      budgets.map((b) => ({ ...b, met: b.met === null ? "n/a" : b.met ? "yes" : "NO" })),
    ),
  );
  console.log("\n=== Benchmarks");
  console.log(
    renderTable(
      ["name", "status", "seconds", "reason"],
      records.map((r) => ({ ...r, reason: r.reason?.split("\n")[0] })),
    ),
  );
  const summaryFile = join(
    RESULTS_DIR,
    `run-${smoke ? "smoke-" : ""}${startedAt.toISOString().replace(/[:.]/g, "-")}.json`,
  );
  writeFileSync(
    summaryFile,
    `${JSON.stringify({ smoke, startedAt, machine: machine(), records }, null, 2)}\n`,
  );
  log(`results written to ${summaryFile}`);
  if (records.some((r) => r.status === "failed")) process.exitCode = 1;
}

// A Hocuspocus provider started with maxAttempts: 1 rejects a promise that nobody holds when its
// websocket fails (an ErrorEvent). The benchmark that opened it sees the same failure as a sync
// timeout and reports the step as failed; the run goes on to the next step and benchmark.
process.on("unhandledRejection", (reason: unknown) => {
  const what =
    reason instanceof Error ? reason.message : ((reason as { type?: string })?.type ?? String(reason));
  console.error(`[bench] a websocket connection failed outside any step's promise: ${what}`);
});

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error("[bench] crashed:", error);
    process.exit(1);
  },
);
