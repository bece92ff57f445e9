import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db } from "../db.ts";
import { requireWebhookEndpoint, type WebhookTarget } from "./get-webhook.ts";

/**
 * Deletes an endpoint with its delivery log; queued attempts find nothing and end.
 * @throws AppError not_found | forbidden
 */
export async function deleteWebhook(target: WebhookTarget): Promise<void> {
  await db.$transaction(async (tx) => {
    const { access, endpoint } = await requireWebhookEndpoint(tx, target);
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor: target.actor,
      action: "webhook.delete",
      entityType: "WebhookEndpoint",
      entityId: endpoint.id,
      before: { url: endpoint.url, events: endpoint.events },
    });
  });
}
