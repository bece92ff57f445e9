import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError, forbidden } from "../errors.ts";
import { findUsableInviteBySecretOrThrow } from "./find-invite-by-secret.ts";
import { requireUserActor } from "./require-user-actor.ts";
import { type TeamView, toTeamView } from "./team-views.ts";

/** The team joined, and whether the caller was already a member (then nothing changed). */
export interface AcceptedInvite {
  team: TeamView;
  alreadyMember: boolean;
}

/**
 * Joins the signed-in caller to the invite's team with the invite's role, and uses the invite
 * up. A caller who is already a member keeps their role and leaves the invite unused.
 * @throws AppError not_found (unknown, used, revoked or expired link) | forbidden (API token, or an invite for another email)
 */
export async function acceptInvite({
  actor,
  secret,
}: {
  actor: Actor;
  secret: string;
}): Promise<AcceptedInvite> {
  const user = requireUserActor(actor, "accept invites");
  return db.$transaction(async (tx) => {
    const invite = await findUsableInviteBySecretOrThrow(secret, tx);
    const team = await tx.team.findUniqueOrThrow({
      where: { id: invite.teamId },
      select: { id: true, slug: true, name: true, createdAt: true },
    });
    const existing = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: invite.teamId, userId: user.userId } },
      select: { role: true },
    });
    if (existing) return { team: toTeamView(team, existing.role), alreadyMember: true };
    if (invite.email && invite.email.toLowerCase() !== user.email.toLowerCase()) {
      throw forbidden(`This invite is for ${invite.email}; sign in with that address to accept it`);
    }
    // Claim the invite atomically so that one link never admits two people.
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date(), acceptedById: user.userId },
    });
    if (claimed.count !== 1) throw new AppError("not_found", "This invite link has already been used");
    const membership = await tx.membership.create({
      data: { teamId: invite.teamId, userId: user.userId, role: invite.role },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      teamId: invite.teamId,
      actor,
      action: "invite.accept",
      entityType: "Membership",
      entityId: membership.id,
      after: { userId: user.userId, role: invite.role, inviteId: invite.id },
    });
    return { team: toTeamView(team, invite.role), alreadyMember: false };
  });
}
