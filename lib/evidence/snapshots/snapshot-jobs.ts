// The pg-boss queues of evidence archiving and link health (docs/EVIDENCE.md "Archiving").
import type PgBoss from "pg-boss";

/** Archives one evidence item's page (fetch, hash, readable text). */
export const SNAPSHOT_QUEUE = "evidence-snapshot";
/** Re-checks one evidence item's link (status, redirect, changed text). */
export const LINK_CHECK_QUEUE = "evidence-link-check";
/** Re-checks one imported article's source (#15, the team's opt-in schedule). */
export const ARTICLE_RECHECK_QUEUE = "article-source-recheck";

/** The data of the snapshot and link-check jobs. */
export interface EvidenceJobData {
  evidenceId: string;
}

/** The data of an article re-check job. */
export interface ArticleRecheckJobData {
  articleId: string;
}

/** The pg-boss job row of one scheduled article re-check (a failure is logged, not retried). */
export function articleRecheckJob(articleId: string): PgBoss.JobInsert<ArticleRecheckJobData> {
  return { name: ARTICLE_RECHECK_QUEUE, data: { articleId }, retryLimit: 0, expireInSeconds: 300 };
}

/** How a failed archive fetch is retried: pg-boss's exponential backoff from `retryDelay` seconds. */
export interface SnapshotRetryPolicy {
  retryLimit: number;
  retryDelay: number;
}

/** Defaults: 4 retries, first after about 30 s, then about 1, 2 and 4 minutes. */
export const DEFAULT_SNAPSHOT_RETRY: SnapshotRetryPolicy = { retryLimit: 4, retryDelay: 30 };

/** The pg-boss job row of an archive attempt, to insert in the caller's transaction. */
export function snapshotJob(
  evidenceId: string,
  retry: SnapshotRetryPolicy,
): PgBoss.JobInsert<EvidenceJobData> {
  return {
    name: SNAPSHOT_QUEUE,
    data: { evidenceId },
    retryLimit: retry.retryLimit,
    retryDelay: retry.retryDelay,
    retryBackoff: true,
    expireInSeconds: 120,
  };
}

/** The pg-boss job row of one link check (a failed check is recorded, not retried). */
export function linkCheckJob(evidenceId: string): PgBoss.JobInsert<EvidenceJobData> {
  return {
    name: LINK_CHECK_QUEUE,
    data: { evidenceId },
    retryLimit: 1,
    retryDelay: 60,
    expireInSeconds: 120,
  };
}
