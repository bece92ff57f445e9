import { authedRoute, json, readJson } from "@/lib/api/route";
import { getRound } from "@/lib/rounds/get-round";
import { updateRound } from "@/lib/rounds/update-round";
import { ZUpdateRoundInput } from "@/lib/validation/rounds";

export const dynamic = "force-dynamic";

/** One round with its progress (everyone's for moderators, one's own for an annotator). */
export const GET = authedRoute(async ({ params, actor }) =>
  json(await getRound({ actor, roundId: params.id! })),
);

/** Extends the due date `{dueAt}`, reveals `{status: "revealed"}` or closes `{status: "closed"}` a round. */
export const PATCH = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZUpdateRoundInput, 4 * 1024);
  return json(await updateRound({ actor, roundId: params.id!, input }));
});
