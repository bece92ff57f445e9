import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { signalAccessChange } from "../collab/signal-access-change.ts";
import { db } from "../db.ts";
import { notFound } from "../errors.ts";

/**
 * Disables a user: they can no longer sign in, every session of theirs ends at once (their open
 * live-document connections too: signalled on commit), and their API tokens stop working
 * (tokens of a disabled creator are refused). Idempotent.
 * @throws AppError not_found when no such user exists
 */
export async function disableUser({
  userId,
  actor = null,
}: {
  userId: string;
  actor?: Actor | null;
}): Promise<{ revokedSessions: number }> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) throw notFound("User");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, disabledAt: true } });
    if (!user) throw notFound("User");
    const now = new Date();
    if (!user.disabledAt) await tx.user.update({ where: { id: userId }, data: { disabledAt: now } });
    const revoked = await tx.session.updateMany({
      where: { userId, revokedAt: null },
      data: { revokedAt: now },
    });
    await recordAuditEvent(tx, {
      teamId: null,
      actor,
      action: "user.disable",
      entityType: "user",
      entityId: userId,
      before: { disabledAt: user.disabledAt },
      after: { disabledAt: user.disabledAt ?? now, revokedSessions: revoked.count },
    });
    await signalAccessChange(tx, { kind: "user", userId });
    return { revokedSessions: revoked.count };
  });
}
