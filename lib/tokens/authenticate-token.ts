import type { TokenActor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { hashSecret, TOKEN_PREFIX } from "./token-secret.ts";

// last-used is written at most this often per token, so reads do not all become writes.
const LAST_USED_PRECISION_MS = 60_000;

/**
 * Resolves an API token from an `Authorization: Bearer` secret. Revoked, expired, unknown
 * tokens, and tokens whose creator is disabled or no longer in the team, resolve to null.
 */
export async function authenticateToken(secret: string): Promise<TokenActor | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const now = new Date();
  const token = await db.apiToken.findFirst({
    where: {
      tokenHash: hashSecret(secret),
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      createdBy: { disabledAt: null },
    },
    select: { id: true, teamId: true, createdById: true, scopes: true, lastUsedAt: true },
  });
  if (!token) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return {
    kind: "token",
    tokenId: token.id,
    teamId: token.teamId,
    userId: token.createdById,
    scopes: token.scopes,
  };
}
