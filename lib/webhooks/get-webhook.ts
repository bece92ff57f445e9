import type { Actor } from "../auth/actor.ts";
import { db, type Tx } from "../db.ts";
import { notFound } from "../errors.ts";
import { assertCan, getTeamAccessOrThrow, type TeamAccess } from "../teams/access.ts";
import { requireUserActor } from "../teams/require-user-actor.ts";
import { ZUuid } from "../validation/articles.ts";

/**
 * The team access of an admin managing webhooks (signed in: an API token cannot manage them).
 * @throws AppError not_found (not the actor's team) | forbidden (not an admin, or a token)
 */
export async function requireWebhookAdmin(actor: Actor, slug: string, client: Tx = db): Promise<TeamAccess> {
  const access = await getTeamAccessOrThrow(actor, { slug }, client);
  requireUserActor(actor, "manage webhooks");
  assertCan(access, "webhook.manage");
  return access;
}

/**
 * One endpoint of the team, by id (another team's, or a malformed id, is not found).
 * @throws AppError not_found
 */
export async function getEndpointOrThrow(client: Tx, teamId: string, endpointId: string) {
  if (!ZUuid.safeParse(endpointId).success) throw notFound("Webhook");
  const endpoint = await client.webhookEndpoint.findFirst({ where: { id: endpointId, teamId } });
  if (!endpoint) throw notFound("Webhook");
  return endpoint;
}

/** The arguments of a use case on one of a team's webhook endpoints. */
export interface WebhookTarget {
  actor: Actor;
  slug: string;
  webhookId: string;
}

/**
 * The endpoint a use case acts on, with the admin's access to its team: the two checks every
 * endpoint use case starts with.
 * @throws AppError not_found (team or endpoint) | forbidden (not an admin, or a token)
 */
export async function requireWebhookEndpoint(client: Tx, { actor, slug, webhookId }: WebhookTarget) {
  const access = await requireWebhookAdmin(actor, slug, client);
  const endpoint = await getEndpointOrThrow(client, access.team.id, webhookId);
  return { access, endpoint };
}
