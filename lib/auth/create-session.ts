import { db } from "../db.ts";
import { SESSION_MAX_AGE_SECONDS } from "./config.ts";

/**
 * Starts a browser session for a user who just signed in; its id goes into the JWT as `sid`.
 * @throws Error when the database write fails
 */
export async function createSession(input: {
  userId: string;
  ip: string | null;
  userAgent: string | null;
}): Promise<{ id: string; expiresAt: Date }> {
  return db.session.create({
    data: {
      userId: input.userId,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
      ip: input.ip?.slice(0, 100) ?? null,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    },
    select: { id: true, expiresAt: true },
  });
}
