import { z } from "zod";
import { WEBHOOK_FORMATS } from "../../webhooks/format-payload.ts";
import { ZId, ZNullableTimestamp, ZTimestamp } from "./common.ts";
import { ZEventTypeName } from "./events.ts";

/** lib/webhooks/webhook-views.ts WebhookView */
export const ZWebhook = z
  .object({
    id: ZId,
    url: z.url(),
    description: z.string().nullable(),
    events: z.array(ZEventTypeName),
    format: z.enum(WEBHOOK_FORMATS),
    enabled: z.boolean(),
    disabledAt: ZNullableTimestamp,
    disabledReason: z.string().nullable(),
    previousSecretExpiresAt: ZNullableTimestamp.meta({
      description: "Until when the previous secret also signs",
    }),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .meta({ id: "Webhook" });

/** lib/webhooks/webhook-views.ts WebhookWithSecret */
export const ZWebhookWithSecret = ZWebhook.extend({
  secret: z.string().meta({ description: "The whsec_… signing secret, shown only here" }),
}).meta({ id: "WebhookWithSecret" });

export const ZWebhookList = z.object({ webhooks: z.array(ZWebhook) });

/** lib/webhooks/list-deliveries.ts AttemptView */
const ZDeliveryAttempt = z.object({
  attempt: z.number().int().min(1),
  at: ZTimestamp,
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int().min(0),
  error: z.string().nullable(),
  response: z.string().nullable().meta({ description: "First 1 KB of the answer, as text" }),
  nextAttemptAt: ZNullableTimestamp,
});

/** lib/webhooks/list-deliveries.ts DeliveryView */
export const ZWebhookDelivery = z
  .object({
    id: ZId,
    eventId: z.string(),
    eventType: z.string().meta({ description: "An EventType, or webhook.test for a test delivery" }),
    status: z.enum(["pending", "succeeded", "failed"]),
    attemptCount: z.number().int().min(0),
    nextAttemptAt: ZNullableTimestamp,
    createdAt: ZTimestamp,
    attempts: z.array(ZDeliveryAttempt),
  })
  .meta({ id: "WebhookDelivery" });

export const ZWebhookDeliveryList = z.object({ deliveries: z.array(ZWebhookDelivery) });

/** A test or repeated delivery, queued (202). */
export const ZQueuedDelivery = z.object({ deliveryId: ZId });
