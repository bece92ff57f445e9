import type { TokenActor } from "../auth/actor.ts";
import { PREPARED } from "../db/prepared-statements.ts";
import { db } from "../db.ts";
import type { TokenScope } from "../generated/prisma/enums.ts";
import { hashSecret, TOKEN_PREFIX } from "./token-secret.ts";

// last-used is written at most this often per token, so reads do not all become writes.
const LAST_USED_PRECISION_MS = 60_000;

interface TokenRow {
  id: string;
  teamId: string;
  createdById: string;
  scopes: TokenScope[];
  lastUsedAt: Date | null;
}

/**
 * Resolves an API token from an `Authorization: Bearer` secret. Revoked, expired, unknown
 * tokens, and tokens whose creator is disabled or no longer in the team, resolve to null.
 */
export async function authenticateToken(secret: string): Promise<TokenActor | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const now = new Date();
  // Every API request runs this: one prepared statement rather than Prisma's findFirst, whose
  // query building cost more than the lookup itself (docs/DATABASE.md).
  const [token] = await db.$queryRaw<TokenRow[]>`${PREPARED}
    SELECT t.id::text AS id, t."teamId"::text AS "teamId", t."createdById"::text AS "createdById",
           t.scopes::text[] AS scopes, t."lastUsedAt"
    FROM "ApiToken" t
    JOIN "User" u ON u.id = t."createdById"
    WHERE t."tokenHash" = ${hashSecret(secret)} AND t."revokedAt" IS NULL
      AND (t."expiresAt" IS NULL OR t."expiresAt" > ${now}) AND u."disabledAt" IS NULL`;
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
