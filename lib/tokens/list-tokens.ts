import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { requireTeamAction } from "../teams/access.ts";
import { TOKEN_VIEW_SELECT, type TokenView, toTokenView } from "./token-views.ts";

/**
 * Lists the team's API tokens, newest first, without their secrets (signed-in admins only).
 * @throws AppError not_found | forbidden
 */
export async function listTokens({ actor, slug }: { actor: Actor; slug: string }): Promise<TokenView[]> {
  const access = await requireTeamAction(actor, { slug }, "token.manage");
  const tokens = await db.apiToken.findMany({
    where: { teamId: access.team.id },
    select: TOKEN_VIEW_SELECT,
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return tokens.map(toTokenView);
}
