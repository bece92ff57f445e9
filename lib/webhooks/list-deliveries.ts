import { db } from "../db.ts";
import { publicEventId } from "../events/list-events.ts";
import { ZDeliveriesQuery } from "../validation/webhooks.ts";
import { requireWebhookEndpoint, type WebhookTarget } from "./get-webhook.ts";

/** One attempt in the delivery log. */
export interface AttemptView {
  attempt: number;
  at: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** The first 1 KB of the receiver's answer, as text (show it as text, never as HTML). */
  response: string | null;
  nextAttemptAt: string | null;
}

/** One delivery (an event to this endpoint) with its attempts. */
export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attemptCount: number;
  nextAttemptAt: string | null;
  createdAt: string;
  attempts: AttemptView[];
}

/**
 * The endpoint's delivery log, newest first, each with its attempts (signed-in admins).
 * @throws AppError not_found | forbidden | invalid_input (ZodError)
 */
export async function listDeliveries({
  query,
  ...target
}: WebhookTarget & { query: unknown }): Promise<{ deliveries: DeliveryView[] }> {
  const { limit } = ZDeliveriesQuery.parse(query);
  const { endpoint } = await requireWebhookEndpoint(db, target);
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { event: { select: { id: true, type: true } }, attempts: { orderBy: { attempt: "desc" } } },
  });
  return {
    deliveries: rows.map((row) => ({
      id: row.id,
      eventId: publicEventId(row.event.id),
      eventType: row.event.type,
      status: row.status === "queued" ? "pending" : (row.status as DeliveryView["status"]),
      attemptCount: row.attemptCount,
      nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      attempts: row.attempts.map((attempt) => ({
        attempt: attempt.attempt,
        at: attempt.startedAt.toISOString(),
        statusCode: attempt.statusCode,
        durationMs: attempt.durationMs,
        error: attempt.error,
        response: attempt.responseBody,
        nextAttemptAt: attempt.nextAttemptAt?.toISOString() ?? null,
      })),
    })),
  };
}
