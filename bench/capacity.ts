// Item 3: capacity. 1,000 concurrent websocket connections (each opening an article's body and
// annotation documents, as the app does) spread over 100 articles on one server process:
// memory per connection and per loaded document, CPU at rest, time to connect them all; and the
// heap of one loaded 20,000-word article.
import { startClientPool } from "./lib/clients.ts";
import { createBenchArticle, createBenchTeam, sessionCookie } from "./lib/fixtures.ts";
import { memoryPerConnection, usedMemory as used } from "./lib/server.ts";
import { formatBytes } from "./lib/stats.ts";
import { generateArticle } from "./lib/text.ts";
import { type Benchmark, outcome } from "./lib/types.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const capacity: Benchmark = {
  name: "capacity",
  title: "Capacity: 1,000 websocket connections over 100 articles on one process",
  needsServer: true,
  async run(ctx) {
    const server = await ctx.server();
    const articleCount = ctx.smoke ? 4 : 100;
    const connections = ctx.smoke ? 20 : 1000;
    const bigWords = ctx.smoke ? 2000 : 20_000;
    // 30 s: one full cycle of the access re-check (lib/collab/access-recheck.ts, every 30 s).
    const restSeconds = ctx.smoke ? 1 : 31;
    const team = await createBenchTeam();
    const cookie = await sessionCookie(team.viewer);
    const articles: string[] = [];
    for (let i = 0; i < articleCount; i++) {
      articles.push((await createBenchArticle(team, `Capacity ${i}`, generateArticle(1000, 100 + i))).id);
    }
    const big = await createBenchArticle(team, "Long read", generateArticle(bigWords, 5));
    const warm = await createBenchArticle(team, "Warm-up", generateArticle(200, 6));
    const docs = (id: string) => [`article.${id}`, `article.${id}.annotations`];
    const pool = startClientPool(ctx.smoke ? 2 : 4);
    try {
      // Warm the code paths (auth, load, sync) so that the deltas below are data, not code.
      for (let i = 0; i < 3; i++) {
        await pool.connect(server.wsUrl, [{ cookie, documents: docs(warm.id) }], []);
        await pool.disconnect();
      }
      await sleep(500);

      // One 20,000-word article, loaded by one connection. Heap with it loaded, against the heap
      // once it has been unloaded again (Hocuspocus unloads a document some time after its last
      // connection closes; the warm-up document's unload would otherwise fall into the window).
      await sleep(3000);
      const beforeBig = await server.stats({ gc: true });
      const bigConnect = await pool.connect(server.wsUrl, [{ cookie, documents: docs(big.id) }], []);
      if (bigConnect.failed > 0) throw new Error(`big article: ${bigConnect.errors.join("; ")}`);
      const afterBig = await server.stats({ gc: true });
      await pool.disconnect();
      await sleep(3000);
      const unloadedBig = await server.stats({ gc: true });

      // One connection per article: loads every document.
      const m0 = await server.stats({ gc: true });
      const first = await pool.connect(
        server.wsUrl,
        articles.map((id) => ({ cookie, documents: docs(id) })),
        [],
      );
      const m1 = await server.stats({ gc: true });
      // The rest, spread evenly over the same articles: connections only.
      const rest = await pool.connect(
        server.wsUrl,
        Array.from({ length: connections - articleCount }, (_, i) => ({
          cookie,
          documents: docs(articles[i % articleCount]!),
        })),
        [],
        { concurrency: 25, timeoutMs: 60_000 },
      );
      const m2 = await server.stats({ gc: true });
      const failed = first.failed + rest.failed;
      if (failed > 0)
        ctx.log(`capacity: ${failed} connections failed: ${[...first.errors, ...rest.errors].join("; ")}`);

      await sleep(1000);
      const c1 = await server.stats();
      const t1 = performance.now();
      await sleep(restSeconds * 1000);
      const c2 = await server.stats();
      const elapsedUs = (performance.now() - t1) * 1000;
      const cpuUs = c2.cpu.user - c1.cpu.user + (c2.cpu.system - c1.cpu.system);
      const cpuPercent = (cpuUs / elapsedUs) * 100;

      const restCount = connections - articleCount;
      const {
        used: perConnection,
        heap: perConnectionHeap,
        rss: perConnectionRss,
      } = memoryPerConnection(m1, m2, restCount);
      const perArticle = (used(m1) - used(m0) - articleCount * perConnection) / articleCount;
      const bigHeap = afterBig.memory.heapUsed - unloadedBig.memory.heapUsed - perConnectionHeap;
      const bigUsed = used(afterBig) - used(unloadedBig) - perConnection;
      const bigHeapBefore = afterBig.memory.heapUsed - beforeBig.memory.heapUsed - perConnectionHeap;
      const rows = [
        { measure: "connections open", value: first.ok + rest.ok, note: `${failed} failed` },
        {
          measure: "time to connect all",
          value: `${((first.ms + rest.ms) / 1000).toFixed(2)} s`,
          note: `${articleCount} first (documents load), then ${restCount}`,
        },
        {
          measure: "memory per idle connection (heap+external)",
          value: formatBytes(perConnection),
          note: `heap ${formatBytes(perConnectionHeap)}, rss ${formatBytes(perConnectionRss)}`,
        },
        {
          measure: "memory per loaded article (2 documents, 1,000 words)",
          value: formatBytes(perArticle),
          note: "beyond its connection",
        },
        {
          measure: `heap of one ${bigWords}-word article (body + annotations docs)`,
          value: formatBytes(bigHeap),
          note: `heap+external ${formatBytes(bigUsed)}`,
        },
        {
          measure: "CPU at rest",
          value: `${cpuPercent.toFixed(2)} % of one core`,
          note: `over ${restSeconds} s, ${connections} idle connections`,
        },
        {
          measure: "server heap / rss with all connected",
          value: formatBytes(m2.memory.heapUsed),
          note: `rss ${formatBytes(m2.memory.rss)}`,
        },
      ];
      return outcome({
        tables: [
          {
            title: `${connections} connections over ${articleCount} articles`,
            columns: ["measure", "value", "note"],
            rows,
          },
        ],
        budgets: [
          {
            name: "memory per idle connection",
            limit: "< 100 KB",
            measured: formatBytes(perConnection),
            met: ctx.smoke ? null : perConnection < 100 * 1024,
          },
          {
            name: `heap of a ${bigWords}-word article`,
            limit: "<= 5 MB",
            measured: formatBytes(bigHeap),
            met: ctx.smoke ? null : bigHeap <= 5 * 1024 * 1024,
          },
        ],
        data: {
          connections,
          articles: articleCount,
          connectMs: { first: first.ms, rest: rest.ms },
          failed,
          perConnection,
          perConnectionHeap,
          perConnectionRss,
          perArticle,
          bigHeap,
          bigUsed,
          cpuPercent,
          memory: { beforeBig, afterBig, unloadedBig, m0, m1, m2 },
          bigHeapBefore,
        },
        notes: [
          "Memory after two forced garbage collections in the server process (--expose-gc); per connection = (after all - after one per article) / extra connections.",
        ],
      });
    } finally {
      await pool.disconnect().catch(() => {});
      await pool.stop();
    }
  },
};
