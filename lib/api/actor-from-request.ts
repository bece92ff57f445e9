import type { Actor } from "../auth/actor.ts";
import { resolveSessionFromCookieHeader } from "../auth/session.ts";
import { AppError } from "../errors.ts";
import { authenticateToken } from "../tokens/authenticate-token.ts";

/**
 * Finds who is calling: an `Authorization: Bearer` API token if one is sent (an invalid one
 * is refused outright, never replaced by the cookie), otherwise the session cookie.
 * @throws AppError unauthenticated for a malformed, unknown or revoked bearer token
 */
export async function resolveActorFromRequest(req: Request): Promise<Actor | null> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const actor = match ? await authenticateToken(match[1]!) : null;
    if (!actor) throw new AppError("unauthenticated", "The API token is invalid, expired or revoked");
    return actor;
  }
  return resolveSessionFromCookieHeader(req.headers.get("cookie"));
}
