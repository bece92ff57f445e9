import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db } from "../db.ts";
import { requireWebhookEndpoint, type WebhookTarget } from "./get-webhook.ts";
import { generateWebhookSecret, sealSecret } from "./secret-box.ts";
import { toWebhookView, WEBHOOK_VIEW_SELECT, type WebhookWithSecret } from "./webhook-views.ts";

/** How long the previous secret keeps signing after a rotation (24 hours). */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3600 * 1000;

/**
 * Gives an endpoint a new signing secret, returned this once. For 24 hours every delivery
 * carries two signatures (new and old secret), so the receiver can switch without losing any.
 * @throws AppError not_found | forbidden
 */
export async function rotateWebhookSecret(target: WebhookTarget): Promise<WebhookWithSecret> {
  return db.$transaction(async (tx) => {
    const { access, endpoint } = await requireWebhookEndpoint(tx, target);
    const secret = generateWebhookSecret();
    const updated = await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        secretCipher: sealSecret(secret),
        previousSecretCipher: endpoint.secretCipher,
        previousSecretExpiresAt: new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS),
      },
      select: WEBHOOK_VIEW_SELECT,
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor: target.actor,
      action: "webhook.rotate_secret",
      entityType: "WebhookEndpoint",
      entityId: endpoint.id,
      after: { previousSecretExpiresAt: updated.previousSecretExpiresAt?.toISOString() ?? null },
    });
    return { ...toWebhookView(updated), secret };
  });
}
