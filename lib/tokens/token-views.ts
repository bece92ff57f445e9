import type { TokenScope } from "../generated/prisma/enums.ts";
import { type ScopeName, scopeName } from "../validation/tokens.ts";

/** An API token as admins see it: never its secret, only a recognisable prefix. */
export interface TokenView {
  id: string;
  name: string;
  /** The first characters of the secret followed by an ellipsis, e.g. `pm_Ab3d…`. */
  prefix: string;
  scopes: ScopeName[];
  createdBy: { id: string; name: string };
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The columns toTokenView needs (the hash is deliberately not among them). */
export const TOKEN_VIEW_SELECT = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

/** Shapes a token row for output. */
export function toTokenView(token: {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { id: string; name: string };
}): TokenView {
  return {
    id: token.id,
    name: token.name,
    prefix: `${token.prefix}…`,
    scopes: token.scopes.map(scopeName),
    createdBy: { id: token.createdBy.id, name: token.createdBy.name },
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
