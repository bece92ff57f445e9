import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { requireTeamAction } from "./access.ts";
import { INVITE_VIEW_SELECT, type InviteView, toInviteView } from "./invite-views.ts";

/**
 * Lists a team's invites, newest first, with their status (admins only; at most 200).
 * @throws AppError not_found | forbidden
 */
export async function listInvites({ actor, slug }: { actor: Actor; slug: string }): Promise<InviteView[]> {
  const access = await requireTeamAction(actor, { slug }, "member.manage");
  const invites = await db.invite.findMany({
    where: { teamId: access.team.id },
    select: INVITE_VIEW_SELECT,
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return invites.map(toInviteView);
}
