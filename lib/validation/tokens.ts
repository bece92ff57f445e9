import { z } from "zod";
import type { TokenScope } from "../generated/prisma/enums.ts";
import { storableString } from "./text.ts";

/** Token scopes as they travel in JSON and forms. */
export const SCOPE_NAMES = ["read", "annotate", "review", "export"] as const;
export type ScopeName = (typeof SCOPE_NAMES)[number];

/** The JSON spelling of a scope. */
export function scopeName(scope: TokenScope): ScopeName {
  return scope.toLowerCase() as ScopeName;
}

/** How long a new API token lives unless its creator chooses otherwise (never is a choice, not a default). */
export const DEFAULT_TOKEN_LIFETIME_DAYS = 90;

export const ZCreateTokenInput = z.object({
  name: storableString().trim().min(1, "Give the token a name").max(100, "Use at most 100 characters"),
  scopes: z
    .array(z.enum(SCOPE_NAMES))
    .min(1, "Choose at least one scope")
    .max(SCOPE_NAMES.length)
    .transform((scopes) => [...new Set(scopes)].map((scope) => scope.toUpperCase() as TokenScope)),
  /** Days until the token stops working: 90 when omitted, `null` for never (an explicit choice). */
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .nullable()
    .default(DEFAULT_TOKEN_LIFETIME_DAYS)
    .meta({ description: "Days until the token stops working; omitted: 90; null: never (until revoked)" }),
});
export type TCreateTokenInput = z.infer<typeof ZCreateTokenInput>;
