import { signalAccessChange } from "../collab/signal-access-change.ts";
import { db } from "../db.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ends a browser session (sign-out): its JWT stops authenticating at once, over HTTP and on the
 * user's open live-document connections (signalled on commit). Unknown ids are ignored.
 * @throws Error when the database write fails
 */
export async function revokeSession(sessionId: string | null | undefined): Promise<void> {
  if (!sessionId || !UUID.test(sessionId)) return;
  await db.$transaction(async (tx) => {
    const revoked = await tx.session.updateManyAndReturn({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date() },
      select: { userId: true },
    });
    const [session] = revoked;
    if (session) await signalAccessChange(tx, { kind: "user", userId: session.userId });
  });
}
