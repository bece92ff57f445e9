import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db } from "../db.ts";
import { assertFetchableDestination } from "../fetch/check-destination.ts";
import type { TUpdateWebhookInput } from "../validation/webhooks.ts";
import { getEndpointOrThrow, requireWebhookAdmin, type WebhookTarget } from "./get-webhook.ts";
import { toWebhookView, WEBHOOK_VIEW_SELECT, type WebhookView } from "./webhook-views.ts";

/**
 * Edits an endpoint: URL, events, description, format, and disabling or enabling it again
 * (enabling clears the reason it was disabled). Signed-in admins.
 * @throws AppError not_found | forbidden | fetch_blocked_address
 */
export async function updateWebhook({
  actor,
  slug,
  webhookId,
  input,
}: WebhookTarget & { input: TUpdateWebhookInput }): Promise<WebhookView> {
  return db.$transaction(async (tx) => {
    const access = await requireWebhookAdmin(actor, slug, tx);
    if (input.url !== undefined) await assertFetchableDestination(input.url);
    const before = await getEndpointOrThrow(tx, access.team.id, webhookId);
    const enabling = input.enabled === true && !before.enabled;
    const disabling = input.enabled === false && before.enabled;
    const updated = await tx.webhookEndpoint.update({
      where: { id: before.id },
      data: {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.description !== undefined ? { description: input.description || null } : {}),
        ...(input.format !== undefined ? { format: input.format } : {}),
        ...(enabling ? { enabled: true, disabledAt: null, disabledReason: null } : {}),
        ...(disabling
          ? { enabled: false, disabledAt: new Date(), disabledReason: "disabled by an admin" }
          : {}),
      },
      select: WEBHOOK_VIEW_SELECT,
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "webhook.update",
      entityType: "WebhookEndpoint",
      entityId: before.id,
      before: { url: before.url, events: before.events, format: before.format, enabled: before.enabled },
      after: { url: updated.url, events: updated.events, format: updated.format, enabled: updated.enabled },
    });
    return toWebhookView(updated);
  });
}
