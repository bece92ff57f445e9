import { authedRoute, json, readJson } from "@/lib/api/route.ts";
import { createToken } from "@/lib/tokens/create-token.ts";
import { listTokens } from "@/lib/tokens/list-tokens.ts";
import { ZCreateTokenInput } from "@/lib/validation/tokens.ts";

/** The team's API tokens, without secrets (signed-in admins). */
export const GET = authedRoute(async ({ actor, params }) =>
  json({ tokens: await listTokens({ actor, slug: params.team! }) }),
);

/** Issues an API token; its secret is in this response only (signed-in admins). */
export const POST = authedRoute(async ({ req, actor, params }) => {
  const input = await readJson(req, ZCreateTokenInput, 16 * 1024);
  return json(await createToken({ actor, slug: params.team!, input }), 201);
});
