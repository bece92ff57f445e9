import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";

/** The pg-boss queue of webhook attempts. */
export const DELIVERY_QUEUE = "webhook-delivery";

/** One job = one attempt of one delivery. */
export interface DeliveryJobData {
  deliveryId: string;
  /** The attempt's number over the delivery's life (1, 2, ...). */
  attempt: number;
}

/**
 * The job id of an attempt, derived from (delivery, attempt): sending the same attempt twice
 * (a relay or a worker retried after a crash) inserts one job, since pg-boss ignores a known id.
 */
export function attemptJobId(deliveryId: string, attempt: number): string {
  const hex = createHash("sha256").update(`${deliveryId}:${attempt}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The pg-boss job row for an attempt, to insert in the caller's transaction. */
export function attemptJob(
  deliveryId: string,
  attempt: number,
  startAfter?: Date,
): PgBoss.JobInsert<DeliveryJobData> {
  return {
    id: attemptJobId(deliveryId, attempt),
    name: DELIVERY_QUEUE,
    data: { deliveryId, attempt },
    ...(startAfter ? { startAfter } : {}),
    // A crash mid-attempt: pg-boss hands the job out again; the attempt guard makes that harmless.
    retryLimit: 5,
    retryDelay: 5,
    expireInSeconds: 120,
  };
}
