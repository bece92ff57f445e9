import { decode } from "next-auth/jwt";
import { db } from "../db.ts";
import type { UserActor } from "./actor.ts";
import { getAuthSecret, sessionCookieName } from "./config.ts";

/** Reads one cookie from a Cookie header, joining next-auth's chunked cookies (name.0, name.1, ...). */
export function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  const cookies = new Map<string, string>();
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const key = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    try {
      cookies.set(key, decodeURIComponent(value));
    } catch {
      cookies.set(key, value);
    }
  }
  const whole = cookies.get(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
  return chunks.length > 0 ? chunks.join("") : undefined;
}

/**
 * Resolves the person behind a next-auth session token. The JWT alone is not enough: its
 * session row must exist, be unrevoked and unexpired, and the user must not be disabled, so
 * signing out or disabling a user ends access at once.
 */
export async function resolveSessionToken(sessionToken: string | undefined): Promise<UserActor | null> {
  if (!sessionToken || sessionToken.length > 8192) return null;
  let payload: Awaited<ReturnType<typeof decode>>;
  try {
    payload = await decode({ token: sessionToken, secret: getAuthSecret() });
  } catch {
    return null;
  }
  const sessionId = typeof payload?.sid === "string" ? payload.sid : null;
  return sessionId ? resolveSessionId(sessionId) : null;
}

/**
 * The person behind a session whose token was decoded before (a websocket authenticated when it
 * opened): the session row must still exist, be unrevoked and unexpired, and the user not disabled.
 */
export async function resolveSessionId(sessionId: string): Promise<UserActor | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const session = await db.session.findFirst({
    where: { id: sessionId, revokedAt: null, expiresAt: { gt: new Date() }, user: { disabledAt: null } },
    select: { id: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!session) return null;
  return {
    kind: "user",
    userId: session.user.id,
    name: session.user.name,
    email: session.user.email,
    sessionId: session.id,
  };
}

/** Resolves the signed-in person from a request's Cookie header. */
export async function resolveSessionFromCookieHeader(
  cookieHeader: string | null | undefined,
): Promise<UserActor | null> {
  return resolveSessionToken(readCookie(cookieHeader, sessionCookieName()));
}
