// The outbox relay: turns events committed by the use cases into feed positions and webhook
// deliveries. One instance at a time holds the relay lock (a transaction-scoped advisory lock),
// so positions are handed out in one committed batch after another, and a consumer that resumes
// from a cursor never misses an event that committed late. Crash-safe: the positions, the
// delivery rows and their first jobs commit together with the events' `relayedAt`, or not at all.

import type pg from "pg";
import type PgBoss from "pg-boss";
import { bossDb, inJobTransaction } from "../jobs/job-queue.ts";
import { attemptJob } from "./delivery-jobs.ts";

/** Events placed per batch. */
export const RELAY_BATCH = 500;

const RELAY_LOCK_SQL = "SELECT pg_try_advisory_xact_lock(hashtext('proofmark.events.relay')) AS locked";

/**
 * Relays one batch of unrelayed events; returns how many it placed (0 when none, or when another
 * instance holds the relay lock).
 * @throws database errors (nothing is committed then)
 */
export async function relayEvents(
  boss: PgBoss,
  pool: pg.Pool,
): Promise<{ events: number; deliveries: number }> {
  return inJobTransaction(pool, async (client) => {
    const lock = await client.query<{ locked: boolean }>(RELAY_LOCK_SQL);
    if (!lock.rows[0]?.locked) return { events: 0, deliveries: 0 };
    const pending = await client.query<{ id: string; teamId: string; type: string }>(
      `SELECT id::text, "teamId"::text AS "teamId", type FROM "Event"
       WHERE "relayedAt" IS NULL ORDER BY id LIMIT $1`,
      [RELAY_BATCH],
    );
    // Deliveries queued by hand (redeliver, test event): a fresh schedule from their next attempt.
    const requeued = await client.query<{ id: string; attemptCount: number }>(
      `UPDATE "WebhookDelivery" SET status = 'pending', "roundAttempts" = 0, "updatedAt" = now()
       WHERE id IN (SELECT id FROM "WebhookDelivery" WHERE status = 'queued' LIMIT $1)
       RETURNING id::text, "attemptCount"`,
      [RELAY_BATCH],
    );
    if (requeued.rows.length > 0) {
      await boss.insert(
        requeued.rows.map((row) => attemptJob(row.id, row.attemptCount + 1)),
        { db: bossDb(client) },
      );
    }
    if (pending.rows.length === 0) return { events: requeued.rows.length, deliveries: requeued.rows.length };
    const ids = pending.rows.map((row) => row.id);
    await client.query(
      `UPDATE "Event" e SET seq = base.max + v.n, "relayedAt" = now()
       FROM unnest($1::bigint[]) WITH ORDINALITY AS v(id, n),
            (SELECT COALESCE(max(seq), 0) AS max FROM "Event") base
       WHERE e.id = v.id`,
      [ids],
    );
    // One delivery per (event, enabled endpoint of its team subscribed to its type).
    const deliveries = await client.query<{ id: string }>(
      `INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId", "updatedAt")
       SELECT gen_random_uuid(), w.id, e.id, now()
       FROM "Event" e
       JOIN "WebhookEndpoint" w ON w."teamId" = e."teamId" AND w.enabled AND e.type = ANY(w.events)
       WHERE e.id = ANY($1::bigint[])
       ORDER BY e.id
       ON CONFLICT ("endpointId", "eventId") DO NOTHING
       RETURNING id::text`,
      [ids],
    );
    if (deliveries.rows.length > 0) {
      await boss.insert(
        deliveries.rows.map((row) => attemptJob(row.id, 1)),
        { db: bossDb(client) },
      );
    }
    return {
      events: ids.length + requeued.rows.length,
      deliveries: deliveries.rows.length + requeued.rows.length,
    };
  });
}
