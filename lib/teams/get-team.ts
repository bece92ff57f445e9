import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { notFound } from "../errors.ts";
import { requireTeamAction } from "./access.ts";
import { type TeamView, toTeamView } from "./team-views.ts";

/** A team with the viewer's role and how many members it has. */
export interface TeamDetailView extends TeamView {
  memberCount: number;
}

/**
 * Loads one team the actor belongs to.
 * @throws AppError not_found (not a member, or another team's token) | forbidden (token without `read`)
 */
export async function getTeam({ actor, slug }: { actor: Actor; slug: string }): Promise<TeamDetailView> {
  const access = await requireTeamAction(actor, { slug }, "team.read");
  const team = await db.team.findUnique({
    where: { id: access.team.id },
    select: { id: true, slug: true, name: true, createdAt: true, _count: { select: { memberships: true } } },
  });
  if (!team) throw notFound("Team");
  return { ...toTeamView(team, access.role), memberCount: team._count.memberships };
}
