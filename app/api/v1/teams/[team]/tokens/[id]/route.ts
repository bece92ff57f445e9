import { authedRoute } from "@/lib/api/route.ts";
import { revokeToken } from "@/lib/tokens/revoke-token.ts";
import { parseIdOrNotFound } from "@/lib/validation/teams.ts";

/** Revokes an API token at once (signed-in admins). */
export const DELETE = authedRoute(async ({ actor, params }) => {
  const tokenId = parseIdOrNotFound(params.id, "Token");
  await revokeToken({ actor, slug: params.team!, tokenId });
  return new Response(null, { status: 204 });
});
