// Issue 18: webhook delivery. In this process: the job queue (pg-boss) with the events relay and
// the delivery workers, exactly as server.ts runs them, against the benchmark database, and a
// fast loopback receiver (allowed through FETCH_ALLOW_HOSTS) answering 204 at once.
// - throughput: a backlog of N events (committed in transactions of 100 before the workers start)
//   drained, from the workers' start to the last receipt, in events per second (budget >= 500/s);
//   then N more committed while delivering, from the first commit to the last receipt (reported);
// - latency: one event at a time, from its COMMIT to its receipt (budget p50 <= 1 s).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "../lib/db.ts";
import { recordEvent } from "../lib/events/record-event.ts";
import { getJobQueue, startJobQueue, stopJobQueue } from "../lib/jobs/job-queue.ts";
import { generateWebhookSecret, sealSecret } from "../lib/webhooks/secret-box.ts";
import { startWebhookDelivery } from "../lib/webhooks/start-webhook-delivery.ts";
import { createTeamWithMembers } from "../tests/support/factories.ts";
import { round, summarize } from "./lib/stats.ts";
import { type Benchmark, type Budget, outcome } from "./lib/types.ts";

export const webhooks: Benchmark = {
  name: "webhooks",
  title: "Webhook delivery: throughput to a fast receiver, commit-to-receipt latency",
  needsServer: true,
  async run(ctx) {
    const burst = ctx.smoke ? 50 : 3000;
    const singles = ctx.smoke ? 5 : 60;
    const received = new Map<string, number>();
    let onReceipt: ((id: string) => void) | null = null;
    const receiver = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const id = String(req.headers["webhook-id"]);
        if (!received.has(id)) received.set(id, performance.now());
        onReceipt?.(id);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const port = (receiver.address() as AddressInfo).port;
    process.env.FETCH_ALLOW_HOSTS = `127.0.0.1:${port}`;
    process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef";

    const team = await createTeamWithMembers();
    await db.webhookEndpoint.create({
      data: {
        teamId: team.id,
        url: `http://127.0.0.1:${port}/hook`,
        events: ["article.updated"],
        secretCipher: sealSecret(generateWebhookSecret()),
        createdById: team.admin.id,
      },
    });
    const commitBurst = async (tag: string) => {
      for (let i = 0; i < burst; i += 100) {
        await db.$transaction(async (tx) => {
          for (let j = i; j < Math.min(i + 100, burst); j++) {
            await recordEvent(tx, { teamId: team.id, type: "article.updated", data: { [tag]: j } });
          }
        });
      }
    };
    // The backlog: events committed before delivery starts (an instance back after an outage, or a
    // burst larger than the workers), so the figure is the delivery pipeline's alone.
    const backlogCommitStarted = performance.now();
    await commitBurst("backlog");
    const backlogCommitMs = performance.now() - backlogCommitStarted;
    const boss = await startJobQueue(ctx.databaseUrl);
    const deliveryStarted = performance.now();
    await startWebhookDelivery(boss, getJobQueue()!.pool);
    const waitFor = async (count: number, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (received.size < count) {
        if (Date.now() > deadline) throw new Error(`only ${received.size} of ${count} deliveries arrived`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    try {
      // Throughput of delivery: the backlog drained, from the start of the workers to the last receipt.
      await waitFor(burst, 600_000);
      const drainSeconds = (Math.max(...received.values()) - deliveryStarted) / 1000;
      const throughput = burst / drainSeconds;
      ctx.log(
        `webhooks: a backlog of ${burst} events (committed in ${round(backlogCommitMs)} ms) delivered in ${round(drainSeconds * 1000)} ms`,
      );
      // While committing: from the first commit of a second burst to its last receipt, the commits
      // (this process, 100 per transaction) competing with delivery for the same cores.
      const started = performance.now();
      await commitBurst("live");
      const committed = performance.now();
      await waitFor(2 * burst, 600_000);
      const liveSeconds = (Math.max(...received.values()) - started) / 1000;
      const liveThroughput = burst / liveSeconds;
      ctx.log(
        `webhooks: ${burst} events committed in ${round(committed - started)} ms while delivering, all received after ${round(liveSeconds * 1000)} ms`,
      );

      // Latency, one event at a time.
      const latencies: number[] = [];
      for (let i = 0; i < singles; i++) {
        const before = received.size;
        const arrived = new Promise<void>((resolve) => {
          onReceipt = () => {
            if (received.size > before) resolve();
          };
        });
        await db.$transaction((tx) =>
          recordEvent(tx, { teamId: team.id, type: "article.updated", data: { single: i } }),
        );
        const at = performance.now();
        await Promise.race([arrived, waitFor(before + 1, 30_000)]);
        const newest = [...received.values()].reduce((a, b) => Math.max(a, b), 0);
        latencies.push(newest - at);
      }
      const latency = summarize(latencies);
      const budgets: Budget[] = [
        {
          name: "delivery throughput to a fast receiver",
          limit: ">= 500 events/s",
          measured: `${round(throughput)} events/s`,
          met: throughput >= 500,
        },
        {
          name: "commit to receipt p50",
          limit: "<= 1000 ms",
          measured: `${round(latency.p50)} ms`,
          met: latency.p50 <= 1000,
        },
      ];
      return outcome({
        tables: [
          {
            title: "Webhook delivery",
            columns: ["measure", "n", "value"],
            rows: [
              { measure: "throughput, backlog drained (events/s)", n: burst, value: round(throughput) },
              { measure: "throughput while committing (events/s)", n: burst, value: round(liveThroughput) },
              { measure: "commit→receipt p50 (ms)", n: latency.n, value: round(latency.p50) },
              { measure: "commit→receipt p95 (ms)", n: latency.n, value: round(latency.p95) },
              { measure: "commit→receipt max (ms)", n: latency.n, value: round(latency.max) },
            ],
          },
        ],
        budgets,
        data: {
          burst,
          throughput,
          liveThroughput,
          backlogCommitMs,
          latency,
          workers: Number(process.env.WEBHOOK_WORKERS) || 4,
        },
        notes: [
          "In-process: relay every 200 ms (WEBHOOK_RELAY_INTERVAL_MS), 4 workers (WEBHOOK_WORKERS) × DELIVERY_BATCH attempts, receiver answers 204 without verifying.",
          "The budget is judged on the backlog drained (the delivery pipeline alone); 'while committing' also counts this process committing the events 100 per transaction on the same cores.",
        ],
      });
    } finally {
      onReceipt = null;
      await stopJobQueue(2);
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  },
};
