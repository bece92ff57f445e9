// The evidence dispatcher: turns due snapshot rows into pg-boss jobs (docs/EVIDENCE.md
// "Scheduling"). The rows are the durable record (written with the evidence, or by "check now"),
// so nothing is lost across restarts; each due row is claimed with FOR UPDATE SKIP LOCKED and its
// job inserted in the same transaction, so several instances never send the same work twice.
import type pg from "pg";
import type PgBoss from "pg-boss";
import { bossDb, inJobTransaction } from "../../jobs/job-queue.ts";
import { articleRecheckJob, linkCheckJob, type SnapshotRetryPolicy, snapshotJob } from "./snapshot-jobs.ts";

/** Rows claimed per kind and pass. */
export const DISPATCH_BATCH = 200;

/** A job sent this long ago whose row is still due is considered lost and sent again. */
const LOST_AFTER = "interval '1 hour'";

const DUE_ARCHIVES = `
  UPDATE "EvidenceSnapshot" SET "queuedAt" = now()
  WHERE "evidenceId" IN (
    SELECT "evidenceId" FROM "EvidenceSnapshot"
    WHERE state = 'ARCHIVING' AND ("queuedAt" IS NULL OR "queuedAt" < now() - ${LOST_AFTER})
    ORDER BY "createdAt" LIMIT $1 FOR UPDATE SKIP LOCKED)
  RETURNING "evidenceId"::text AS id`;

const REQUESTED_CHECKS = `
  UPDATE "EvidenceSnapshot" SET "checkQueuedAt" = now()
  WHERE "evidenceId" IN (
    SELECT "evidenceId" FROM "EvidenceSnapshot"
    WHERE "checkRequestedAt" IS NOT NULL AND state <> 'ARCHIVING'
      AND ("checkQueuedAt" IS NULL OR "checkQueuedAt" < now() - ${LOST_AFTER})
    ORDER BY "checkRequestedAt" LIMIT $1 FOR UPDATE SKIP LOCKED)
  RETURNING "evidenceId"::text AS id`;

// A team without a settings row checks weekly; a row with a null interval never.
const SCHEDULED_CHECKS = `
  UPDATE "EvidenceSnapshot" SET "checkQueuedAt" = now()
  WHERE "evidenceId" IN (
    SELECT s."evidenceId" FROM "EvidenceSnapshot" s
    JOIN "Evidence" e ON e.id = s."evidenceId" AND e."deletedAt" IS NULL
    LEFT JOIN "TeamEvidenceSettings" t ON t."teamId" = s."teamId"
    WHERE s.state <> 'ARCHIVING'
      AND (s."checkQueuedAt" IS NULL OR s."checkQueuedAt" < now() - ${LOST_AFTER})
      AND (t."teamId" IS NULL OR t."linkCheckIntervalDays" IS NOT NULL)
      AND COALESCE(s."checkedAt", s."fetchedAt", s."createdAt")
          < now() - make_interval(days => COALESCE(t."linkCheckIntervalDays", 7))
    ORDER BY COALESCE(s."checkedAt", s."fetchedAt", s."createdAt")
    LIMIT $1 FOR UPDATE OF s SKIP LOCKED)
  RETURNING "evidenceId"::text AS id`;

// Teams that opted in to article re-checks and whose interval has passed: each claimed team is
// stamped now and its live URL-imported articles imported within its window are re-checked (#15).
const DUE_ARTICLE_TEAMS = `
  UPDATE "TeamEvidenceSettings" SET "lastArticleRecheckAt" = now()
  WHERE "teamId" IN (
    SELECT "teamId" FROM "TeamEvidenceSettings"
    WHERE "articleRecheckIntervalHours" IS NOT NULL
      AND ("lastArticleRecheckAt" IS NULL
           OR "lastArticleRecheckAt" < now() - make_interval(hours => "articleRecheckIntervalHours"))
    LIMIT 20 FOR UPDATE SKIP LOCKED)
  RETURNING "teamId"::text AS id`;

const ARTICLES_TO_RECHECK = `
  SELECT a.id::text AS id FROM "Article" a
  JOIN "TeamEvidenceSettings" t ON t."teamId" = a."teamId"
  WHERE a."teamId" = ANY($1::uuid[]) AND a."fetchedUrl" IS NOT NULL
    AND a."deletedAt" IS NULL AND a."archivedAt" IS NULL
    AND a."createdAt" > now() - make_interval(days => t."articleRecheckWindowDays")`;

/**
 * One dispatcher pass: sends the archive jobs of new snapshots and the check jobs asked for, and,
 * with `scheduled`, the link checks and article re-checks the teams' schedules made due. Returns
 * how many jobs of each kind it sent.
 * @throws database errors (nothing is committed then)
 */
export async function dispatchEvidenceJobs(
  boss: PgBoss,
  pool: pg.Pool,
  { retry, scheduled }: { retry: SnapshotRetryPolicy; scheduled: boolean },
): Promise<{ archives: number; checks: number; articles: number }> {
  return inJobTransaction(pool, async (client) => {
    const archives = await client.query<{ id: string }>(DUE_ARCHIVES, [DISPATCH_BATCH]);
    const requested = await client.query<{ id: string }>(REQUESTED_CHECKS, [DISPATCH_BATCH]);
    const due = scheduled
      ? await client.query<{ id: string }>(SCHEDULED_CHECKS, [DISPATCH_BATCH])
      : { rows: [] };
    const checks = [...requested.rows, ...due.rows];
    const teams = scheduled ? (await client.query<{ id: string }>(DUE_ARTICLE_TEAMS)).rows : [];
    const articles =
      teams.length > 0
        ? (await client.query<{ id: string }>(ARTICLES_TO_RECHECK, [teams.map((team) => team.id)])).rows
        : [];
    const jobs = [
      ...archives.rows.map((row) => snapshotJob(row.id, retry)),
      ...checks.map((row) => linkCheckJob(row.id)),
      ...articles.map((row) => articleRecheckJob(row.id)),
    ];
    if (jobs.length > 0) await boss.insert(jobs, { db: bossDb(client) });
    return { archives: archives.rows.length, checks: checks.length, articles: articles.length };
  });
}
