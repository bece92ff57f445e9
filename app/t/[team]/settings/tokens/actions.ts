"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { actionErrorMessage } from "@/lib/teams/action-error-message.ts";
import { createToken } from "@/lib/tokens/create-token.ts";
import { revokeToken } from "@/lib/tokens/revoke-token.ts";
import { parseIdOrNotFound } from "@/lib/validation/teams.ts";
import { ZCreateTokenInput } from "@/lib/validation/tokens.ts";

export interface TokenFormState {
  error: string | null;
  created?: { name: string; secret: string };
}

const ZSlug = z.string().min(1).max(100);

function tokensPath(slug: string): string {
  return `/t/${slug}/settings/tokens`;
}

/** Issues a token; its secret goes back to the form this once (never logged, never stored). */
export async function createTokenAction(
  team: string,
  _previous: TokenFormState,
  form: FormData,
): Promise<TokenFormState> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(tokensPath(slug));
  try {
    const days = String(form.get("expiresInDays") ?? "");
    const input = ZCreateTokenInput.parse({
      name: form.get("name"),
      scopes: form.getAll("scopes"),
      // "never" is an explicit choice; nothing chosen is the default lifetime.
      ...(days === "never" ? { expiresInDays: null } : days ? { expiresInDays: Number(days) } : {}),
    });
    const token = await createToken({ actor: user, slug, input });
    revalidatePath(tokensPath(slug));
    return { error: null, created: { name: token.name, secret: token.secret } };
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
}

/** Revokes a token at once. */
export async function revokeTokenAction(
  team: string,
  tokenId: string,
  _previous: TokenFormState,
): Promise<TokenFormState> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(tokensPath(slug));
  try {
    await revokeToken({ actor: user, slug, tokenId: parseIdOrNotFound(tokenId, "Token") });
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  revalidatePath(tokensPath(slug));
  return { error: null };
}
