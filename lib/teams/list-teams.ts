import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { type TeamView, toTeamView } from "./team-views.ts";
import { visibleMembershipWhere } from "./visibility.ts";

/** Lists the teams the actor belongs to, with its role in each; an API token sees only its own team. */
export async function listTeams({ actor }: { actor: Actor }): Promise<TeamView[]> {
  const memberships = await db.membership.findMany({
    where: visibleMembershipWhere(actor),
    select: { role: true, team: { select: { id: true, slug: true, name: true, createdAt: true } } },
    orderBy: { team: { name: "asc" } },
  });
  return memberships.map((membership) => toTeamView(membership.team, membership.role));
}
