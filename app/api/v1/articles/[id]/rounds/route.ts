import { authedRoute, json, readJson } from "@/lib/api/route";
import { listRounds } from "@/lib/rounds/list-rounds";
import { startRound } from "@/lib/rounds/start-round";
import { ZStartRoundInput } from "@/lib/validation/rounds";

export const dynamic = "force-dynamic";

/** The article's blind rounds, newest first, with the progress the caller may see. */
export const GET = authedRoute(async ({ params, actor }) =>
  json({ rounds: await listRounds({ actor, articleId: params.id! }) }),
);

/** Starts a blind round `{annotatorIds, dueAt?}` (moderators and admins); 409 when one is open. */
export const POST = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZStartRoundInput, 16 * 1024);
  return json(await startRound({ actor, articleId: params.id!, input }), 201);
});
