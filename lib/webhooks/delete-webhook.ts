import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { getEndpointOrThrow, requireWebhookAdmin } from "./get-webhook.ts";

/**
 * Deletes an endpoint with its delivery log; queued attempts find nothing and end.
 * @throws AppError not_found | forbidden
 */
export async function deleteWebhook({
  actor,
  slug,
  webhookId,
}: {
  actor: Actor;
  slug: string;
  webhookId: string;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const access = await requireWebhookAdmin(actor, slug, tx);
    const endpoint = await getEndpointOrThrow(tx, access.team.id, webhookId);
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "webhook.delete",
      entityType: "WebhookEndpoint",
      entityId: endpoint.id,
      before: { url: endpoint.url, events: endpoint.events },
    });
  });
}
