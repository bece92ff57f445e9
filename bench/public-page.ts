// Issue 16 item 4: the published page under 50 concurrent readers, side by side in the same run
// with the same server returning a static file of the same size (the floor). Budget: at least
// half the floor's requests per second, p99 at most twice the floor's.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { db } from "../lib/db.ts";
import { publishArticle } from "../lib/publications/publish-article.ts";
import { ensureRatingScale } from "../lib/verdicts/rating-scale.ts";
import { createBenchArticle, createBenchTeam } from "./lib/fixtures.ts";
import { round, summarize } from "./lib/stats.ts";
import { generateArticle } from "./lib/text.ts";
import { type Benchmark, NotAvailable, outcome } from "./lib/types.ts";

const CONCURRENCY = 50;
// The floor: a file of the build's .next/static, served by the same Next server under
// /_next/static/ (its static-file path, no application code). Next serves only files that existed
// at build time, so the benchmark picks the one nearest in size to the page.
const STATIC_ROOT = join(import.meta.dirname, "..", ".next", "static");

function nearestStaticFile(bytes: number): { path: string; bytes: number } {
  const files: { path: string; bytes: number }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files.push({ path: relative(STATIC_ROOT, full).split("\\").join("/"), bytes: statSync(full).size });
    }
  };
  walk(STATIC_ROOT);
  if (files.length === 0) throw new Error("no file under .next/static (run next build)");
  return files.reduce((best, file) =>
    Math.abs(file.bytes - bytes) < Math.abs(best.bytes - bytes) ? file : best,
  );
}

async function hammer(
  url: string,
  seconds: number,
): Promise<{ rps: number; latencies: number[]; errors: number; bytes: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          // Node's fetch keeps connections alive (undici's global pool).
          const response = await fetch(url);
          const body = await response.arrayBuffer();
          if (response.status !== 200) errors++;
          else bytes = body.byteLength;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { rps: latencies.length / elapsed, latencies, errors, bytes };
}

export const publicPage: Benchmark = {
  name: "public-page",
  title: "Published page vs a static file of the same size, 50 concurrent readers",
  needsServer: true,
  async run(ctx) {
    const server = await ctx.server();
    const team = await createBenchTeam();
    const article = await createBenchArticle(
      team,
      "Bench: published page",
      generateArticle(ctx.smoke ? 300 : 2500),
    );
    // Approved facts with verdicts every few sentences, as a fact-checked speech would have.
    const scale = await db.$transaction((tx) => ensureRatingScale(tx, team.id));
    const sentences = [...article.text.matchAll(/[^.!?\n]+[.!?]/g)].slice(0, ctx.smoke ? 5 : 40);
    for (const [index, match] of sentences.entries()) {
      const start = match.index!;
      const quote = match[0];
      const annotation = await db.annotation.create({
        data: {
          teamId: team.id,
          articleId: article.id,
          authorId: team.annotator.id,
          label: index % 3 === 0 ? "OPINION" : "FACT",
          status: "APPROVED",
          anchor: {},
          quote,
          prefix: "",
          suffix: "",
          start,
          end: start + quote.length,
        },
      });
      if (index % 3 === 0) continue;
      const evidence = await db.evidence.create({
        data: {
          annotationId: annotation.id,
          relation: "CORROBORATES",
          url: `https://example.org/source/${index}`,
          title: `Source ${index}`,
          publisher: "Example",
          addedById: team.annotator.id,
        },
      });
      await db.verdict.create({
        data: {
          teamId: team.id,
          annotationId: annotation.id,
          ratingId: scale.items[index % scale.items.length]!.id,
          conclusion: `Checked against **source ${index}**: the figure holds with caveats.`,
          evidenceIds: [evidence.id],
          authorId: team.moderator.id,
        },
      });
    }
    const { url } = await publishArticle({ actor: team.moderator.actor, articleId: article.id });
    const pageUrl = `${server.url}${url}`;
    const first = await fetch(pageUrl);
    const html = await first.text();
    if (first.status === 404 && !html.includes("not published")) throw new NotAvailable(`GET ${url} is 404`);
    if (first.status !== 200) throw new Error(`public page: HTTP ${first.status}`);

    const pageBytes = Buffer.byteLength(html);
    const floorFile = nearestStaticFile(pageBytes);
    const staticUrl = `${server.url}/_next/static/${floorFile.path}`;
    const probe = await fetch(staticUrl);
    await probe.arrayBuffer();
    if (probe.status !== 200) throw new Error(`static floor ${staticUrl}: HTTP ${probe.status}`);

    const seconds = ctx.smoke ? 1 : 10;
    {
      // Warm both, then alternate page / floor twice so drift on a shared machine hits both alike.
      await hammer(pageUrl, ctx.smoke ? 0.3 : 2);
      await hammer(staticUrl, ctx.smoke ? 0.3 : 2);
      const runs: Array<{ kind: string; result: Awaited<ReturnType<typeof hammer>> }> = [];
      for (let round_ = 0; round_ < 2; round_++) {
        runs.push({ kind: "public page", result: await hammer(pageUrl, seconds) });
        runs.push({ kind: "static file (floor)", result: await hammer(staticUrl, seconds) });
      }
      const combine = (kind: string) => {
        const mine = runs.filter((run) => run.kind === kind).map((run) => run.result);
        const latencies = mine.flatMap((run) => run.latencies);
        const summary = summarize(latencies);
        return {
          kind,
          requests: latencies.length,
          rps: round(mine.reduce((sum, run) => sum + run.rps, 0) / mine.length),
          p50: round(summary.p50),
          p99: round(summary.p99),
          errors: mine.reduce((sum, run) => sum + run.errors, 0),
          bytes: mine[0]!.bytes,
        };
      };
      const page = combine("public page");
      const floor = combine("static file (floor)");
      return outcome({
        tables: [
          {
            title: `${CONCURRENCY} concurrent readers, 2 × ${seconds} s each, alternating (page ${pageBytes} bytes, floor ${floorFile.path} ${floorFile.bytes} bytes)`,
            columns: ["kind", "requests", "rps", "p50", "p99", "errors", "bytes"],
            rows: [page, floor],
          },
        ],
        budgets: [
          {
            name: "public page throughput",
            limit: ">= 50% of the static file's rps",
            measured: `${page.rps} vs ${floor.rps} rps (${Math.round((100 * page.rps) / floor.rps)}%)`,
            met: ctx.smoke ? null : page.rps >= floor.rps / 2 && page.errors === 0,
          },
          {
            name: "public page p99",
            limit: "<= 2 × the static file's p99",
            measured: `${page.p99} vs ${floor.p99} ms`,
            met: ctx.smoke ? null : page.p99 <= 2 * floor.p99,
          },
        ],
        data: { page, floor, pageBytes, floorFile },
        notes: [
          "The floor is the build's static file nearest in size to the page, served by the same Next server (/_next/static/...; Next serves only files present at build time, so an exact copy cannot be added at run time). The page is served from the instance's memory while its publication-change listener (LISTEN on a trigger's pg_notify) is up and the version was confirmed less than 5 s ago; otherwise it asks PostgreSQL for the publication's version first. The load generator runs in the benchmark's own process on the same machine.",
        ],
      });
    }
  },
};
