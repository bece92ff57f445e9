import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { assertFetchableDestination } from "../fetch/check-destination.ts";
import type { TCreateWebhookInput } from "../validation/webhooks.ts";
import { requireWebhookAdmin } from "./get-webhook.ts";
import { generateWebhookSecret, sealSecret } from "./secret-box.ts";
import { toWebhookView, WEBHOOK_VIEW_SELECT, type WebhookWithSecret } from "./webhook-views.ts";

/**
 * Registers a webhook endpoint of the team (signed-in admins); its signing secret is returned
 * this once and stored encrypted.
 * @throws AppError not_found | forbidden | fetch_blocked_address
 */
export async function createWebhook({
  actor,
  slug,
  input,
}: {
  actor: Actor;
  slug: string;
  input: TCreateWebhookInput;
}): Promise<WebhookWithSecret> {
  return db.$transaction(async (tx) => {
    const access = await requireWebhookAdmin(actor, slug, tx);
    // Refused at once when it points at a private address (checked again at every delivery).
    await assertFetchableDestination(input.url);
    const secret = generateWebhookSecret();
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        teamId: access.team.id,
        url: input.url,
        description: input.description || null,
        events: input.events,
        format: input.format,
        secretCipher: sealSecret(secret),
        createdById: access.userId,
      },
      select: WEBHOOK_VIEW_SELECT,
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "webhook.create",
      entityType: "WebhookEndpoint",
      entityId: endpoint.id,
      after: { url: endpoint.url, events: endpoint.events, format: endpoint.format },
    });
    return { ...toWebhookView(endpoint), secret };
  });
}
