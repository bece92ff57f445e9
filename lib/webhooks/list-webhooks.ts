import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { requireWebhookAdmin, requireWebhookEndpoint, type WebhookTarget } from "./get-webhook.ts";
import { toWebhookView, type WebhookView } from "./webhook-views.ts";

/**
 * The team's webhook endpoints, newest first (signed-in admins).
 * @throws AppError not_found | forbidden
 */
export async function listWebhooks({ actor, slug }: { actor: Actor; slug: string }): Promise<WebhookView[]> {
  const access = await requireWebhookAdmin(actor, slug);
  const rows = await db.webhookEndpoint.findMany({
    where: { teamId: access.team.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((row) => toWebhookView(row));
}

/**
 * One endpoint of the team (signed-in admins).
 * @throws AppError not_found | forbidden
 */
export async function getWebhook(target: WebhookTarget): Promise<WebhookView> {
  const { endpoint } = await requireWebhookEndpoint(db, target);
  return toWebhookView(endpoint);
}
