import type { Actor } from "../auth/actor.ts";
import { db, type Tx } from "../db.ts";
import { AppError, notFound } from "../errors.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { can, type TeamAction, type TeamSubject } from "../policies/team.ts";
import { visibleTeamWhere } from "./visibility.ts";

/** What an actor is inside one team they can see. */
export interface TeamAccess extends TeamSubject {
  team: { id: string; slug: string; name: string };
  actor: Actor;
  /** The user acting (for a token, its creator). */
  userId: string;
}

type TeamKey = { slug: string } | { id: string };

/**
 * Loads a team with the actor's role in it. A team the actor is not a member of (or, for a
 * token, any team but the token's own) is reported as not found, never as forbidden.
 * @throws AppError not_found
 */
export async function getTeamAccessOrThrow(actor: Actor, key: TeamKey, client: Tx = db): Promise<TeamAccess> {
  const team = await client.team.findFirst({
    where: { AND: ["slug" in key ? { slug: key.slug } : { id: key.id }, visibleTeamWhere(actor)] },
    select: {
      id: true,
      slug: true,
      name: true,
      memberships: { where: { userId: actor.userId }, select: { role: true } },
    },
  });
  const role: Role | undefined = team?.memberships[0]?.role;
  if (!team || !role) throw notFound("Team");
  return {
    team: { id: team.id, slug: team.slug, name: team.name },
    actor,
    userId: actor.userId,
    role,
    scopes: actor.kind === "token" ? actor.scopes : null,
  };
}

/**
 * Checks that the actor may do `action` in the team it can already see.
 * @throws AppError forbidden (403: the team is visible to them, the action is not theirs)
 */
export function assertCan(access: TeamAccess, action: TeamAction, message?: string): void {
  if (!can(access, action)) {
    throw new AppError(
      "forbidden",
      message ??
        (access.scopes !== null && can({ role: access.role, scopes: null }, action)
          ? "This API token's scopes do not allow this"
          : "Your role in this team does not allow this"),
    );
  }
}

/**
 * Loads a team and checks the action in one step (`message` replaces the default 403 message;
 * `client` reads through a transaction).
 * @throws AppError not_found | forbidden
 */
export async function requireTeamAction(
  actor: Actor,
  key: TeamKey,
  action: TeamAction,
  options: { message?: string; client?: Tx } = {},
): Promise<TeamAccess> {
  const access = await getTeamAccessOrThrow(actor, key, options.client);
  assertCan(access, action, options.message);
  return access;
}
