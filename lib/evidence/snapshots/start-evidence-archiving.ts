// Wires evidence archiving, link health and the scheduled article re-checks (#15) into the job
// queue of this instance: the workers of the three queues and the dispatcher loop
// (docs/EVIDENCE.md "Scheduling").
import type pg from "pg";
import type PgBoss from "pg-boss";
import { refreshArticleSourceOnSchedule } from "../../articles/refresh-article-source.ts";
import { onJobQueueStop } from "../../jobs/job-queue.ts";
import { getLogger } from "../../observability/logger.ts";
import { archiveSnapshot } from "./archive-snapshot.ts";
import { checkEvidenceLink } from "./check-evidence-link.ts";
import { dispatchEvidenceJobs } from "./dispatch-evidence-jobs.ts";
import {
  ARTICLE_RECHECK_QUEUE,
  type ArticleRecheckJobData,
  DEFAULT_SNAPSHOT_RETRY,
  type EvidenceJobData,
  LINK_CHECK_QUEUE,
  SNAPSHOT_QUEUE,
  type SnapshotRetryPolicy,
} from "./snapshot-jobs.ts";

export interface EvidenceArchivingOptions {
  /** Archive retries (pg-boss backoff); tests shorten the delay. */
  retry?: SnapshotRetryPolicy;
  /** How often the dispatcher looks for new snapshots and requested checks (ms). */
  intervalMs?: number;
  /** How often it also looks for checks the teams' schedules made due (ms). */
  scheduleEveryMs?: number;
  /** Jobs each worker takes at once. */
  batchSize?: number;
}

const globalForDispatch = globalThis as unknown as { proofmarkEvidenceKick?: () => void };

/** Asks this instance's dispatcher for a pass now (after evidence was added or a check asked for). */
export function kickEvidenceDispatcher(): void {
  globalForDispatch.proofmarkEvidenceKick?.();
}

/**
 * Creates the queues, starts their workers and the dispatcher; all stop with the job queue.
 * @throws database errors while creating the queues
 */
export async function startEvidenceArchiving(
  boss: PgBoss,
  pool: pg.Pool,
  options: EvidenceArchivingOptions = {},
): Promise<void> {
  const retry = options.retry ?? DEFAULT_SNAPSHOT_RETRY;
  const batchSize = options.batchSize ?? 8;
  await boss.createQueue(SNAPSHOT_QUEUE);
  await boss.createQueue(LINK_CHECK_QUEUE);
  await boss.createQueue(ARTICLE_RECHECK_QUEUE);
  const archiveWorker = await boss.work<EvidenceJobData>(
    SNAPSHOT_QUEUE,
    { batchSize, includeMetadata: true, pollingIntervalSeconds: 1 },
    async (jobs) => {
      await Promise.all(
        jobs.map(async (job) => {
          const outcome = await archiveSnapshot(job.data.evidenceId, {
            lastAttempt: job.retryCount >= job.retryLimit,
          });
          // pg-boss completes the batch's other jobs; this one goes back for a later retry.
          if (outcome === "retry") await boss.fail(SNAPSHOT_QUEUE, job.id, { reason: "fetch failed" });
        }),
      );
    },
  );
  const checkWorker = await boss.work<EvidenceJobData>(
    LINK_CHECK_QUEUE,
    { batchSize, pollingIntervalSeconds: 1 },
    async (jobs) => {
      await Promise.all(jobs.map((job) => checkEvidenceLink(job.data.evidenceId)));
    },
  );
  const articleWorker = await boss.work<ArticleRecheckJobData>(
    ARTICLE_RECHECK_QUEUE,
    { batchSize: 2, pollingIntervalSeconds: 5 },
    async (jobs) => {
      for (const job of jobs) {
        try {
          await refreshArticleSourceOnSchedule(job.data.articleId);
        } catch (error) {
          // A source that is down or no longer an article waits for the next scheduled round.
          getLogger().warn(
            { articleId: job.data.articleId, detail: (error as Error).message },
            "[articles] scheduled source re-check failed",
          );
        }
      }
    },
  );

  const interval = options.intervalMs ?? 1_000;
  const scheduleEvery = options.scheduleEveryMs ?? 60_000;
  let lastScheduled = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  // A kick during a pass: the rows it is about may have committed after that pass read them.
  let kicked = false;
  const tick = () => {
    if (stopped) return;
    if (running) {
      kicked = true;
      return;
    }
    clearTimeout(timer);
    running = (async () => {
      kicked = false;
      let again = false;
      try {
        const scheduled = Date.now() - lastScheduled >= scheduleEvery;
        if (scheduled) lastScheduled = Date.now();
        const sent = await dispatchEvidenceJobs(boss, pool, { retry, scheduled });
        if (sent.archives > 0) boss.notifyWorker(archiveWorker);
        if (sent.checks > 0) boss.notifyWorker(checkWorker);
        if (sent.articles > 0) boss.notifyWorker(articleWorker);
        again = sent.archives + sent.checks > 0;
      } catch (error) {
        if (!stopped) getLogger().error({ detail: (error as Error).message }, "[evidence] dispatch failed:");
      }
      running = null;
      if (!stopped) timer = setTimeout(tick, again || kicked ? 0 : interval);
    })();
  };
  globalForDispatch.proofmarkEvidenceKick = tick;
  tick();
  onJobQueueStop(async () => {
    stopped = true;
    if (globalForDispatch.proofmarkEvidenceKick === tick) globalForDispatch.proofmarkEvidenceKick = undefined;
    clearTimeout(timer);
    await running;
  });
}
