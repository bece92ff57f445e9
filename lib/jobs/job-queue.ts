// The one job queue of Proofmark (DESIGN.md "one job queue on PostgreSQL"): pg-boss 10 in the
// `pgboss` schema of the app's own database. Every instance starts it (server.ts); jobs are
// fetched with SKIP LOCKED, so several instances share the queue and each job runs once.
import "server-only";
import pg from "pg";
import PgBoss from "pg-boss";
import { getLogger } from "../observability/logger.ts";

/** A pg client inside a transaction, or the pool: what job code and pg-boss's `db` option share. */
export type SqlClient = Pick<pg.PoolClient, "query">;

interface JobQueueState {
  boss: PgBoss;
  pool: pg.Pool;
  stopHooks: Array<() => Promise<void>>;
}

const globalForJobs = globalThis as unknown as { proofmarkJobs?: JobQueueState };

/** pg-boss's `db` option for a client: sends the job in the caller's transaction. */
export function bossDb(client: SqlClient): PgBoss.Db {
  return { executeSql: (text, values) => client.query(text, values) };
}

/**
 * Starts pg-boss on DATABASE_URL (creating or migrating its schema) and returns it.
 * @throws Error when the database cannot be reached
 */
export async function startJobQueue(connectionString = process.env.DATABASE_URL): Promise<PgBoss> {
  if (globalForJobs.proofmarkJobs) return globalForJobs.proofmarkJobs.boss;
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const pool = new pg.Pool({ connectionString, max: Number(process.env.JOBS_POOL_SIZE ?? 6) });
  pool.on("error", (error) =>
    getLogger().error({ detail: error.message }, "[jobs] idle database connection failed:"),
  );
  const boss = new PgBoss({
    db: bossDb(pool),
    // Deliveries are fetched as they are sent (notifyWorker); polling only finds retries whose time came.
    pollingIntervalSeconds: 0.5,
    // Nothing here runs on cron; maintenance (expiry, archiving) still runs.
    schedule: false,
  });
  boss.on("error", (error) => getLogger().error({ detail: error.message }, "[jobs] pg-boss:"));
  try {
    await boss.start();
  } catch (error) {
    // The database is unreachable (or refused pg-boss's schema): leave nothing open behind.
    await boss.stop({ graceful: false, close: false }).catch(() => {});
    await pool.end().catch(() => {});
    throw error;
  }
  globalForJobs.proofmarkJobs = { boss, pool, stopHooks: [] };
  return boss;
}

/** The running queue of this process, or null before start / after stop. */
export function getJobQueue(): { boss: PgBoss; pool: pg.Pool } | null {
  const state = globalForJobs.proofmarkJobs;
  return state ? { boss: state.boss, pool: state.pool } : null;
}

/** Registers work to stop (before pg-boss stops) when the queue stops. */
export function onJobQueueStop(hook: () => Promise<void>): void {
  globalForJobs.proofmarkJobs?.stopHooks.push(hook);
}

/**
 * Runs `work` in one transaction of the queue's pool (jobs sent through `bossDb(client)` commit
 * with it).
 * @throws whatever `work` throws (the transaction is rolled back)
 */
export async function inJobTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Stops the workers (waiting up to `graceSeconds` for running jobs), then pg-boss and its pool.
 * @throws nothing (errors are logged)
 */
export async function stopJobQueue(graceSeconds = 10): Promise<void> {
  const state = globalForJobs.proofmarkJobs;
  if (!state) return;
  globalForJobs.proofmarkJobs = undefined;
  for (const hook of state.stopHooks)
    await hook().catch((error) => getLogger().error({ err: error }, "[jobs] stop hook:"));
  try {
    await state.boss.stop({ graceful: true, wait: true, timeout: graceSeconds * 1000, close: false });
  } catch (error) {
    getLogger().error({ err: error }, "[jobs] stopping pg-boss:");
  }
  await state.pool.end().catch(() => {});
}
