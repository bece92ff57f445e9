import type { Prisma } from "../generated/prisma/client.ts";
import type { WebhookFormat } from "./format-payload.ts";

/** The columns an endpoint's view reads (never the sealed secrets). */
export const WEBHOOK_VIEW_SELECT = {
  id: true,
  url: true,
  description: true,
  events: true,
  format: true,
  enabled: true,
  disabledAt: true,
  disabledReason: true,
  previousSecretExpiresAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookEndpointSelect;

type WebhookRow = Prisma.WebhookEndpointGetPayload<{ select: typeof WEBHOOK_VIEW_SELECT }>;

/** An endpoint as the API and the settings page show it. */
export interface WebhookView {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  format: WebhookFormat;
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  /** Until when the previous secret still signs too (after a rotation), or null. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The JSON view of an endpoint row. */
export function toWebhookView(row: WebhookRow, now = new Date()): WebhookView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    format: row.format as WebhookFormat,
    enabled: row.enabled,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    previousSecretExpiresAt:
      row.previousSecretExpiresAt && row.previousSecretExpiresAt > now
        ? row.previousSecretExpiresAt.toISOString()
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A new or rotated endpoint with its signing secret, returned this once. */
export interface WebhookWithSecret extends WebhookView {
  secret: string;
}
