import { db } from "../db.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ends a browser session (sign-out): its JWT stops authenticating at once. Unknown ids are ignored.
 * @throws Error when the database write fails
 */
export async function revokeSession(sessionId: string | null | undefined): Promise<void> {
  if (!sessionId || !UUID.test(sessionId)) return;
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
