import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { signalAccessChange } from "../collab/signal-access-change.ts";
import type { Tx } from "../db.ts";
import { db } from "../db.ts";
import { notFound } from "../errors.ts";
import { requireTeamAction } from "./access.ts";
import { assertNotLastAdmin } from "./assert-not-last-admin.ts";

/**
 * Deletes a membership after the last-admin check, records it and signals the access change (the
 * member's open live-document connections close on commit); shared by remove and leave.
 * @throws AppError not_found | conflict (last admin)
 */
export async function deleteMembershipInTx(
  tx: Tx,
  { actor, teamId, userId, action }: { actor: Actor; teamId: string; userId: string; action: string },
): Promise<void> {
  const membership = await tx.membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { id: true, role: true },
  });
  if (!membership) throw notFound("Member");
  if (membership.role === "ADMIN") {
    await assertNotLastAdmin(
      tx,
      teamId,
      userId,
      "This is the team's only admin; make someone else an admin first",
    );
  }
  await tx.membership.delete({ where: { id: membership.id } });
  await recordAuditEvent(tx, {
    teamId,
    actor,
    action,
    entityType: "Membership",
    entityId: membership.id,
    before: { userId, role: membership.role },
  });
  await signalAccessChange(tx, { kind: "member", userId, teamId });
}

/**
 * Removes a member from the team (admins only); the last admin cannot be removed.
 * @throws AppError not_found (team or member) | forbidden (not an admin, or an API token) | conflict (last admin)
 */
export async function removeMember({
  actor,
  slug,
  userId,
}: {
  actor: Actor;
  slug: string;
  userId: string;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const access = await requireTeamAction(actor, { slug }, "member.manage", { client: tx });
    await deleteMembershipInTx(tx, { actor, teamId: access.team.id, userId, action: "member.remove" });
  });
}
