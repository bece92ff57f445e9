// One attempt of one webhook delivery: the pg-boss job handler. The attempt is signed by the
// Standard Webhooks rules (webhook-id, webhook-timestamp, webhook-signature with one `v1,`
// signature per live secret), sent, logged, and followed by the next step in the same
// transaction as the log row: the next attempt's job, or disabling the endpoint (410, or a
// whole schedule failed) with a notification to the team's admins.
import type pg from "pg";
import type PgBoss from "pg-boss";
import { Webhook } from "standardwebhooks";
import { publicEventId } from "../events/list-events.ts";
import type { EventPayload } from "../events/record-event.ts";
import { bossDb, inJobTransaction } from "../jobs/job-queue.ts";
import { attemptJob, type DeliveryJobData } from "./delivery-jobs.ts";
import { formatDeliveryBody, type WebhookFormat } from "./format-payload.ts";
import { decideNextStep, retryDelays } from "./retry-schedule.ts";
import { openSecret } from "./secret-box.ts";
import { type DeliveryResponse, sendWebhookRequest } from "./send-request.ts";

interface DeliveryRow {
  status: string;
  attemptCount: number;
  roundAttempts: number;
  endpointId: string;
  teamId: string;
  url: string;
  format: WebhookFormat;
  enabled: boolean;
  secretCipher: string;
  previousSecretCipher: string | null;
  previousSecretExpiresAt: Date | null;
  eventId: string;
  payload: EventPayload;
}

/** The `webhook-signature` value: one `v1,` signature per secret that signs now (two during a rotation). */
export function signatures(secrets: readonly string[], msgId: string, timestamp: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(msgId, timestamp, body)).join(" ");
}

/** What one run of the handler did. */
export type AttemptResult = "skipped" | "succeeded" | "retry" | "failed";

/**
 * Makes attempt `job.attempt` of a delivery, unless it was already made (a job handed out again
 * after a crash) or the delivery is settled.
 * @throws database errors (pg-boss retries the job; the attempt guard keeps the log single)
 */
export async function deliverAttempt(
  boss: PgBoss,
  pool: pg.Pool,
  job: DeliveryJobData,
  now: () => Date = () => new Date(),
): Promise<AttemptResult> {
  const { rows } = await pool.query<DeliveryRow>(
    `SELECT d.status, d."attemptCount", d."roundAttempts", w.id::text AS "endpointId", w."teamId"::text AS "teamId",
            w.url, w.format, w.enabled, w."secretCipher", w."previousSecretCipher", w."previousSecretExpiresAt",
            e.id::text AS "eventId", e.payload
     FROM "WebhookDelivery" d
     JOIN "WebhookEndpoint" w ON w.id = d."endpointId"
     JOIN "Event" e ON e.id = d."eventId"
     WHERE d.id = $1::uuid`,
    [job.deliveryId],
  );
  const delivery = rows[0];
  if (delivery?.status !== "pending" || delivery.attemptCount >= job.attempt) return "skipped";
  if (!delivery.enabled) {
    await pool.query(
      `UPDATE "WebhookDelivery" SET status = 'failed', "nextAttemptAt" = NULL, "updatedAt" = now()
       WHERE id = $1::uuid AND status = 'pending' AND "attemptCount" = $2`,
      [job.deliveryId, job.attempt - 1],
    );
    return "skipped";
  }

  const startedAt = now();
  const msgId = publicEventId(delivery.eventId);
  const body = formatDeliveryBody(delivery.payload, delivery.format);
  let secrets: string[] | null;
  try {
    secrets = [openSecret(delivery.secretCipher)];
    if (
      delivery.previousSecretCipher &&
      delivery.previousSecretExpiresAt &&
      delivery.previousSecretExpiresAt > startedAt
    ) {
      secrets.push(openSecret(delivery.previousSecretCipher));
    }
  } catch {
    // Sealed under another NEXTAUTH_SECRET: nothing is sent unsigned; the attempt fails visibly.
    secrets = null;
  }
  const response: DeliveryResponse = secrets
    ? await sendWebhookRequest(
        delivery.url,
        {
          "webhook-id": msgId,
          "webhook-timestamp": String(Math.floor(startedAt.getTime() / 1000)),
          "webhook-signature": signatures(secrets, msgId, startedAt, body),
        },
        body,
      )
    : {
        status: null,
        body: "",
        retryAfter: null,
        error: "the signing secret cannot be decrypted (NEXTAUTH_SECRET changed?): rotate it",
        durationMs: 0,
      };

  const roundAttempts = delivery.roundAttempts + 1;
  const outcome = decideNextStep({
    status: response.status,
    retryAfter: response.retryAfter,
    roundAttempts,
    delays: retryDelays(),
    now: startedAt,
  });
  const nextAttemptAt =
    outcome.kind === "retry"
      ? new Date(startedAt.getTime() + response.durationMs + outcome.delaySeconds * 1000)
      : null;
  const status = outcome.kind === "succeeded" ? "succeeded" : outcome.kind === "retry" ? "pending" : "failed";

  return inJobTransaction(pool, async (client) => {
    const updated = await client.query(
      `UPDATE "WebhookDelivery"
       SET "attemptCount" = $2, "roundAttempts" = $3, status = $4, "nextAttemptAt" = $5, "updatedAt" = now()
       WHERE id = $1::uuid AND "attemptCount" = $2 - 1 AND status = 'pending'`,
      [job.deliveryId, job.attempt, roundAttempts, status, nextAttemptAt],
    );
    if (updated.rowCount === 0) return "skipped";
    await client.query(
      `INSERT INTO "WebhookAttempt" ("deliveryId", attempt, "startedAt", "durationMs", "statusCode", error, "responseBody", "nextAttemptAt")
       VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ("deliveryId", attempt) DO NOTHING`,
      [
        job.deliveryId,
        job.attempt,
        startedAt,
        response.durationMs,
        response.status,
        response.error,
        // PostgreSQL text cannot hold NUL.
        response.body.replaceAll(String.fromCharCode(0), "\uFFFD"),
        nextAttemptAt,
      ],
    );
    if (outcome.kind === "retry" && nextAttemptAt) {
      await boss.insert([attemptJob(job.deliveryId, job.attempt + 1, nextAttemptAt)], { db: bossDb(client) });
      return "retry";
    }
    if (outcome.kind === "gone" || outcome.kind === "exhausted") {
      const reason =
        outcome.kind === "gone"
          ? "the receiver answered 410 Gone"
          : `every attempt of a delivery failed (last: ${response.status ?? response.error ?? "no answer"})`;
      await disableEndpoint(client, delivery.endpointId, reason);
      return "failed";
    }
    return outcome.kind === "succeeded" ? "succeeded" : "failed";
  });
}

/**
 * Disables an endpoint (when it is still enabled) and notifies the team's admins, in the
 * caller's transaction.
 */
export async function disableEndpoint(
  client: Pick<pg.PoolClient, "query">,
  endpointId: string,
  reason: string,
): Promise<boolean> {
  const disabled = await client.query<{ teamId: string; url: string }>(
    `UPDATE "WebhookEndpoint" SET enabled = false, "disabledAt" = now(), "disabledReason" = $2, "updatedAt" = now()
     WHERE id = $1::uuid AND enabled RETURNING "teamId"::text AS "teamId", url`,
    [endpointId, reason],
  );
  const endpoint = disabled.rows[0];
  if (!endpoint) return false;
  await client.query(
    `INSERT INTO "Notification" ("userId", "teamId", kind, payload)
     SELECT m."userId", m."teamId", 'webhook.disabled', $2::jsonb
     FROM "Membership" m WHERE m."teamId" = $1::uuid AND m.role = 'ADMIN'`,
    [endpoint.teamId, JSON.stringify({ endpointId, url: endpoint.url, disabledReason: reason })],
  );
  return true;
}
