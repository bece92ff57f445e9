import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { articlePageUrl } from "../events/event-links.ts";
import { requireWebhookEndpoint, type WebhookTarget } from "./get-webhook.ts";

/** The type of the test delivery (never in the feed, never subscribed to). */
export const TEST_EVENT_TYPE = "webhook.test";

/**
 * Queues a `webhook.test` delivery to one endpoint (the "Send test event" button). The event is
 * kept out of the feed; the relay sends it like any other delivery, and it shows in the log.
 * @throws AppError not_found | forbidden | conflict (the endpoint is disabled)
 */
export async function sendTestEvent(target: WebhookTarget): Promise<{ deliveryId: string }> {
  return db.$transaction(async (tx) => {
    const { access, endpoint } = await requireWebhookEndpoint(tx, target);
    if (!endpoint.enabled) throw new AppError("conflict", "This webhook is disabled; enable it first");
    const payload = {
      type: TEST_EVENT_TYPE,
      timestamp: new Date().toISOString(),
      data: {
        message: "A test event from Proofmark: this endpoint receives and verifies deliveries.",
        team: { slug: access.team.slug, name: access.team.name },
        url: articlePageUrl(access.team.slug, "00000000-0000-0000-0000-000000000000").replace(
          /\/articles\/.*$/,
          "",
        ),
      },
    };
    // relayedAt set: the relay does not place it in the feed; the delivery is queued directly.
    const event = await tx.event.create({
      data: { teamId: access.team.id, type: TEST_EVENT_TYPE, payload, relayedAt: new Date() },
      select: { id: true },
    });
    const delivery = await tx.webhookDelivery.create({
      data: { endpointId: endpoint.id, eventId: event.id, status: "queued" },
      select: { id: true },
    });
    return { deliveryId: delivery.id };
  });
}
