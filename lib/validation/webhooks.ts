import { z } from "zod";
import { EVENT_TYPES } from "../events/event-types.ts";
import { WEBHOOK_FORMATS } from "../webhooks/format-payload.ts";
import { storableString } from "./text.ts";

/** An endpoint URL: absolute http(s), no credentials in it, at most 2 KB. */
export const ZWebhookUrl = z
  .string()
  .trim()
  .max(2048, "Use a URL of at most 2048 characters")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "Enter an absolute http(s) URL without a user name or password")
  .meta({ description: "An absolute http(s) URL without a user name or password" });

const ZEvents = z
  .array(z.enum(EVENT_TYPES))
  .min(1, "Choose at least one event")
  .max(EVENT_TYPES.length * 2)
  .transform((events) => [...new Set(events)]);

const ZDescription = storableString().trim().max(500, "Use at most 500 characters");

export const ZCreateWebhookInput = z.object({
  url: ZWebhookUrl,
  events: ZEvents,
  description: ZDescription.optional(),
  format: z.enum(WEBHOOK_FORMATS).default("standard"),
});
export type TCreateWebhookInput = z.infer<typeof ZCreateWebhookInput>;

export const ZUpdateWebhookInput = z
  .object({
    url: ZWebhookUrl.optional(),
    events: ZEvents.optional(),
    description: ZDescription.nullable().optional(),
    format: z.enum(WEBHOOK_FORMATS).optional(),
    /** false disables the endpoint; true enables it again (after a 410 or a failed schedule). */
    enabled: z.boolean().optional(),
  })
  .strict();
export type TUpdateWebhookInput = z.infer<typeof ZUpdateWebhookInput>;

export const ZDeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
