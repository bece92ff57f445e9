import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { assertCan, getTeamAccessOrThrow } from "../teams/access.ts";
import { requireUserActor } from "../teams/require-user-actor.ts";
import type { TCreateTokenInput } from "../validation/tokens.ts";
import { generateTokenSecret, hashSecret } from "./token-secret.ts";
import { TOKEN_VIEW_SELECT, type TokenView, toTokenView } from "./token-views.ts";

/** How many characters of the secret are kept in clear to recognise the token in lists. */
const VISIBLE_PREFIX_LENGTH = 7;

/** A new token with its secret, which is returned this once and never stored. */
export interface CreatedToken extends TokenView {
  secret: string;
}

/**
 * Issues an API token of the team (signed-in admins only: a token cannot mint tokens).
 * @throws AppError not_found | forbidden (not an admin, or an API token)
 */
export async function createToken({
  actor,
  slug,
  input,
}: {
  actor: Actor;
  slug: string;
  input: TCreateTokenInput;
}): Promise<CreatedToken> {
  const { name, scopes, expiresInDays } = input;
  return db.$transaction(async (tx) => {
    const access = await getTeamAccessOrThrow(actor, { slug }, tx);
    const user = requireUserActor(actor, "create API tokens");
    assertCan(access, "token.manage");
    const secret = generateTokenSecret();
    const token = await tx.apiToken.create({
      data: {
        teamId: access.team.id,
        createdById: user.userId,
        name,
        prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH),
        tokenHash: hashSecret(secret),
        scopes,
        expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
      },
      select: TOKEN_VIEW_SELECT,
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "token.create",
      entityType: "ApiToken",
      entityId: token.id,
      after: { name, scopes, expiresAt: token.expiresAt?.toISOString() ?? null },
    });
    return { ...toTokenView(token), secret };
  });
}
