import type { Actor } from "../auth/actor.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Role } from "../generated/prisma/enums.ts";

// The one rule of who sees a team: a member of it, and an API token only in its own team.
// Everything of a team (articles, annotations, evidence, the live documents) is visible through
// it, and anything outside it is "not found" (404), never "forbidden". The Prisma `where`
// builders and the SQL twin below are the only spellings of that rule; role and scope checks
// come after (lib/policies/team.ts through lib/teams/access.ts).

/** The narrowing an API token adds to rows that carry a `teamId`: its own team only. */
export function tokenTeamWhere(actor: Actor): { teamId?: string } {
  return actor.kind === "token" ? { teamId: actor.teamId } : {};
}

/** Teams the actor can see (a `where` on Team). */
export function visibleTeamWhere(actor: Actor) {
  return {
    memberships: { some: { userId: actor.userId } },
    ...(actor.kind === "token" ? { id: actor.teamId } : {}),
  } satisfies Prisma.TeamWhereInput;
}

/** The actor's memberships in the teams it can see (a `where` on Membership). */
export function visibleMembershipWhere(actor: Actor) {
  return { userId: actor.userId, ...tokenTeamWhere(actor) } satisfies Prisma.MembershipWhereInput;
}

/** Rows of a team the actor can see (a `where` on any model with a `team` relation). */
export function inVisibleTeamWhere(actor: Actor) {
  return { team: visibleTeamWhere(actor) };
}

/**
 * Rows of teams where the user holds one of `roles` (a `where` on any model with a `team`
 * relation); used where a role decides what one sees across teams (lib/rounds/annotation-visibility.ts).
 */
export function inTeamWithRoleWhere(userId: string, roles: readonly Role[]) {
  return { team: { memberships: { some: { userId, role: { in: [...roles] } } } } };
}

/**
 * The SQL twin of visibleTeamWhere, for raw queries: a JOIN on the actor's membership of the
 * team in `teamIdColumn` (alias `membershipAlias`, whose `role` the query may read) and the
 * token's narrowing as an `AND ...` condition for the WHERE clause. The column and alias are
 * identifiers written in code, never input.
 */
export function visibleTeamSql(
  actor: Actor,
  teamIdColumn: string,
  membershipAlias = "m",
): { join: Prisma.Sql; and: Prisma.Sql } {
  const column = Prisma.raw(teamIdColumn);
  const alias = Prisma.raw(membershipAlias);
  return {
    join: Prisma.sql`JOIN "Membership" ${alias} ON ${alias}."teamId" = ${column} AND ${alias}."userId" = ${actor.userId}::uuid`,
    and: actor.kind === "token" ? Prisma.sql`AND ${column} = ${actor.teamId}::uuid` : Prisma.empty,
  };
}
