import { db } from "../db.ts";
import { SESSION_MAX_AGE_SECONDS } from "./config.ts";

// lastSeenAt and the sliding expiry are written at most this often per session.
const TOUCH_INTERVAL_MS = 60 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks that a session is still valid (unrevoked, unexpired, user not disabled) and slides its
 * expiry while it is in use. Returns the user's current name and email, or null when it has ended.
 * @throws Error when the database fails
 */
export async function refreshSession(
  sessionId: string | null | undefined,
): Promise<{ userId: string; name: string; email: string } | null> {
  if (!sessionId || !UUID.test(sessionId)) return null;
  const now = new Date();
  const session = await db.session.findFirst({
    where: { id: sessionId, revokedAt: null, expiresAt: { gt: now }, user: { disabledAt: null } },
    select: { lastSeenAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!session) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.updateMany({
      where: { id: sessionId, revokedAt: null },
      data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
    });
  }
  return { userId: session.user.id, name: session.user.name, email: session.user.email };
}
