// Wires webhook delivery into the job queue of this instance: the delivery workers (pg-boss)
// and the outbox relay, which runs every RELAY_INTERVAL_MS and again at once while it finds work.
import type pg from "pg";
import type PgBoss from "pg-boss";
import { onJobQueueStop } from "../jobs/job-queue.ts";
import { getLogger } from "../observability/logger.ts";
import { deliverAttempt } from "./deliver-webhook.ts";
import { DELIVERY_QUEUE, type DeliveryJobData } from "./delivery-jobs.ts";
import { relayEvents } from "./relay-events.ts";

/** Attempts a worker fetches and sends at once. */
export const DELIVERY_BATCH = 25;

/** How often the relay looks for new events (ms); WEBHOOK_RELAY_INTERVAL_MS overrides. */
export const RELAY_INTERVAL_MS = 200;

/**
 * Creates the delivery queue, starts `WEBHOOK_WORKERS` (default 4) workers fetching up to
 * DELIVERY_BATCH attempts each (again at once while batches come back full), and starts the relay; all stop with the job queue.
 * @throws database errors while creating the queue
 */
export async function startWebhookDelivery(boss: PgBoss, pool: pg.Pool): Promise<void> {
  await boss.createQueue(DELIVERY_QUEUE);
  const workerIds: string[] = [];
  const workers = Math.max(1, Number(process.env.WEBHOOK_WORKERS) || 4);
  for (let i = 0; i < workers; i++) {
    let workerId = "";
    workerId = await boss.work<DeliveryJobData>(
      DELIVERY_QUEUE,
      { batchSize: DELIVERY_BATCH, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        // A full batch means more are waiting: fetch again as soon as this one is done, instead of
        // after the polling interval (pg-boss 10 waits the interval after every batch otherwise,
        // which capped a burst at workers × batch per half second).
        if (jobs.length === DELIVERY_BATCH && workerId) boss.notifyWorker(workerId);
        const results = await Promise.allSettled(jobs.map((job) => deliverAttempt(boss, pool, job.data)));
        const failed = results.find((result) => result.status === "rejected");
        // The whole batch is retried; attempts already logged are skipped by their guard.
        if (failed) throw (failed as PromiseRejectedResult).reason;
      },
    );
    workerIds.push(workerId);
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
