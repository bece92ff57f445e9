import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { signalAccessChange } from "../collab/signal-access-change.ts";
import { db } from "../db.ts";
import { notFound } from "../errors.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { requireTeamAction } from "./access.ts";
import { assertNotLastAdmin } from "./assert-not-last-admin.ts";
import { type MemberView, toMemberView } from "./team-views.ts";

/**
 * Sets a member's role (admins only). The last admin cannot be demoted. The member's open
 * live-document connections are re-authorized on commit (a body may become read-only).
 * @throws AppError not_found (team or member) | forbidden (not an admin, or an API token) | conflict (last admin)
 */
export async function changeMemberRole({
  actor,
  slug,
  userId,
  role,
}: {
  actor: Actor;
  slug: string;
  userId: string;
  role: Role;
}): Promise<MemberView> {
  return db.$transaction(async (tx) => {
    const access = await requireTeamAction(actor, { slug }, "member.manage", { client: tx });
    const membership = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: access.team.id, userId } },
      select: { id: true, role: true },
    });
    if (!membership) throw notFound("Member");
    if (membership.role === "ADMIN" && role !== "ADMIN") {
      await assertNotLastAdmin(
        tx,
        access.team.id,
        userId,
        "This is the team's only admin; make someone else an admin first",
      );
    }
    const updated = await tx.membership.update({
      where: { id: membership.id },
      data: { role },
      select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    });
    if (membership.role !== role) {
      await recordAuditEvent(tx, {
        teamId: access.team.id,
        actor,
        action: "member.role_change",
        entityType: "Membership",
        entityId: membership.id,
        before: { userId, role: membership.role },
        after: { userId, role },
      });
      await signalAccessChange(tx, { kind: "member", userId, teamId: access.team.id });
    }
    return toMemberView(updated);
  });
}
