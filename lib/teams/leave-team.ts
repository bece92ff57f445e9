import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { getTeamAccessOrThrow } from "./access.ts";
import { deleteMembershipInTx } from "./remove-member.ts";
import { requireUserActor } from "./require-user-actor.ts";

/**
 * The signed-in caller leaves a team; the last admin cannot leave.
 * @throws AppError not_found (not a member) | forbidden (API tokens) | conflict (last admin)
 */
export async function leaveTeam({ actor, slug }: { actor: Actor; slug: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const access = await getTeamAccessOrThrow(actor, { slug }, tx);
    const user = requireUserActor(actor, "leave teams");
    await deleteMembershipInTx(tx, {
      actor,
      teamId: access.team.id,
      userId: user.userId,
      action: "member.leave",
    });
  });
}
