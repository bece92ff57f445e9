"use server";
import { type ActionResult, type FormActionState, runAction } from "@/lib/actions/run-action.ts";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { createToken } from "@/lib/tokens/create-token.ts";
import { revokeToken } from "@/lib/tokens/revoke-token.ts";
import { parseIdOrNotFound, ZBoundSlug } from "@/lib/validation/teams.ts";
import { ZCreateTokenInput } from "@/lib/validation/tokens.ts";

/** A new token's name and secret, shown once. */
export interface CreatedTokenSecret {
  name: string;
  secret: string;
}

function tokensPath(slug: string): string {
  return `/t/${slug}/settings/tokens`;
}

/** Issues a token; its secret goes back to the form this once (never logged, never stored). */
export async function createTokenAction(
  team: string,
  _previous: FormActionState<CreatedTokenSecret>,
  form: FormData,
): Promise<ActionResult<CreatedTokenSecret>> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(tokensPath(slug));
  return runAction(
    async () => {
      const days = String(form.get("expiresInDays") ?? "");
      const input = ZCreateTokenInput.parse({
        name: form.get("name"),
        scopes: form.getAll("scopes"),
        // "never" is an explicit choice; nothing chosen is the default lifetime.
        ...(days === "never" ? { expiresInDays: null } : days ? { expiresInDays: Number(days) } : {}),
      });
      const token = await createToken({ actor: user, slug, input });
      return { name: token.name, secret: token.secret };
    },
    { revalidate: tokensPath(slug) },
  );
}

/** Revokes a token at once. */
export async function revokeTokenAction(
  team: string,
  tokenId: string,
  _previous: FormActionState,
): Promise<ActionResult> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(tokensPath(slug));
  return runAction(
    async () => {
      await revokeToken({ actor: user, slug, tokenId: parseIdOrNotFound(tokenId, "Token") });
      return null;
    },
    { revalidate: tokensPath(slug) },
  );
}
