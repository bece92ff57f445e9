import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db } from "../db.ts";
import { AppError, notFound } from "../errors.ts";
import { ZUuid } from "../validation/articles.ts";
import { requireWebhookEndpoint, type WebhookTarget } from "./get-webhook.ts";

/**
 * Sends a delivery again, with a fresh retry schedule (same webhook-id, so receivers can
 * recognise it). The relay queues its next attempt.
 * @throws AppError not_found | forbidden | conflict (the endpoint is disabled, or the delivery is still being retried)
 */
export async function redeliverDelivery({
  deliveryId,
  ...target
}: WebhookTarget & { deliveryId: string }): Promise<{ deliveryId: string }> {
  return db.$transaction(async (tx) => {
    const { access, endpoint } = await requireWebhookEndpoint(tx, target);
    if (!ZUuid.safeParse(deliveryId).success) throw notFound("Delivery");
    const delivery = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, endpointId: endpoint.id },
    });
    if (!delivery) throw notFound("Delivery");
    if (!endpoint.enabled) throw new AppError("conflict", "This webhook is disabled; enable it first");
    // Only a settled delivery is sent again; one still in its schedule is already on its way.
    const queued = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: { in: ["succeeded", "failed"] } },
      data: { status: "queued", roundAttempts: 0, nextAttemptAt: new Date() },
    });
    if (queued.count === 0)
      throw new AppError("conflict", "This delivery is still being tried; wait for it to settle");
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor: target.actor,
      action: "webhook.redeliver",
      entityType: "WebhookDelivery",
      entityId: delivery.id,
      before: { status: delivery.status, attemptCount: delivery.attemptCount },
    });
    return { deliveryId: delivery.id };
  });
}
