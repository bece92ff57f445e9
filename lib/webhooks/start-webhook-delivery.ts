// Wires webhook delivery into the job queue of this instance: the delivery workers (pg-boss)
// and the outbox relay, which runs every RELAY_INTERVAL_MS and again at once while it finds work.
import type pg from "pg";
import type PgBoss from "pg-boss";
import { onJobQueueStop } from "../jobs/job-queue.ts";
import { getLogger } from "../observability/logger.ts";
import { deliverAttempt } from "./deliver-webhook.ts";
import { DELIVERY_QUEUE, type DeliveryJobData } from "./delivery-jobs.ts";
import { relayEvents } from "./relay-events.ts";

/** How often the relay looks for new events (ms); WEBHOOK_RELAY_INTERVAL_MS overrides. */
export const RELAY_INTERVAL_MS = 200;

/**
 * Creates the delivery queue, starts `WEBHOOK_WORKERS` (default 4) workers fetching up to 10
 * attempts each, and starts the relay; all stop with the job queue.
 * @throws database errors while creating the queue
 */
export async function startWebhookDelivery(boss: PgBoss, pool: pg.Pool): Promise<void> {
  await boss.createQueue(DELIVERY_QUEUE);
  const workerIds: string[] = [];
  const workers = Math.max(1, Number(process.env.WEBHOOK_WORKERS) || 4);
  for (let i = 0; i < workers; i++) {
    workerIds.push(
      await boss.work<DeliveryJobData>(
        DELIVERY_QUEUE,
        { batchSize: 10, pollingIntervalSeconds: 0.5 },
        async (jobs) => {
          const results = await Promise.allSettled(jobs.map((job) => deliverAttempt(boss, pool, job.data)));
          const failed = results.find((result) => result.status === "rejected");
          // The whole batch is retried; attempts already logged are skipped by their guard.
          if (failed) throw (failed as PromiseRejectedResult).reason;
        },
      ),
    );
  }

  const interval = Number(process.env.WEBHOOK_RELAY_INTERVAL_MS) || RELAY_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      let again = false;
      try {
        const relayed = await relayEvents(boss, pool);
        if (relayed.deliveries > 0) for (const id of workerIds) boss.notifyWorker(id);
        again = relayed.events > 0;
      } catch (error) {
        if (!stopped) getLogger().error({ detail: (error as Error).message }, "[webhooks] relay failed:");
      }
      if (!stopped) timer = setTimeout(tick, again ? 0 : interval);
    })();
  };
  tick();
  onJobQueueStop(async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  });
}
