import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { requireTeamAction } from "./access.ts";
import { type MemberView, toMemberView } from "./team-views.ts";

/**
 * Lists a team's members with their roles (any member may see them).
 * @throws AppError not_found | forbidden (token without `read`)
 */
export async function listMembers({ actor, slug }: { actor: Actor; slug: string }): Promise<MemberView[]> {
  const access = await requireTeamAction(actor, { slug }, "team.read");
  const memberships = await db.membership.findMany({
    where: { teamId: access.team.id },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ user: { name: "asc" } }, { createdAt: "asc" }],
  });
  return memberships.map(toMemberView);
}
