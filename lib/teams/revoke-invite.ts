import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError, notFound } from "../errors.ts";
import { requireTeamAction } from "./access.ts";

/**
 * Revokes an invite of the team so its link stops working (admins only). Revoking twice is
 * harmless; an invite that was already used cannot be revoked (remove the member instead).
 * @throws AppError not_found (team or invite) | forbidden | conflict (already accepted)
 */
export async function revokeInvite({
  actor,
  slug,
  inviteId,
}: {
  actor: Actor;
  slug: string;
  inviteId: string;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const access = await requireTeamAction(actor, { slug }, "member.manage", { client: tx });
    const invite = await tx.invite.findFirst({
      where: { id: inviteId, teamId: access.team.id },
      select: { id: true, acceptedAt: true, revokedAt: true },
    });
    if (!invite) throw notFound("Invite");
    if (invite.acceptedAt) {
      throw new AppError("conflict", "This invite has already been used; remove the member instead");
    }
    if (invite.revokedAt) return;
    const revokedAt = new Date();
    await tx.invite.update({ where: { id: invite.id }, data: { revokedAt } });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "invite.revoke",
      entityType: "Invite",
      entityId: invite.id,
      before: { revokedAt: null },
      after: { revokedAt: revokedAt.toISOString() },
    });
  });
}
