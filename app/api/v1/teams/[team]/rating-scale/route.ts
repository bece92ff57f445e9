import { authedRoute, json, readJson } from "@/lib/api/route";
import { ZRatingScaleInput } from "@/lib/validation/verdicts";
import { getRatingScale } from "@/lib/verdicts/get-rating-scale";
import { updateRatingScale } from "@/lib/verdicts/update-rating-scale";

export const dynamic = "force-dynamic";

/** The team's rating scale, in order, with its best and worst numeric values. */
export const GET = authedRoute(async ({ params, actor }) =>
  json(await getRatingScale({ actor, teamSlug: params.team! })),
);

/** Replaces the rating scale `{items: [{id?, label, value, colour}]}` (admins). */
export const PUT = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZRatingScaleInput, 16 * 1024);
  return json(await updateRatingScale({ actor, teamSlug: params.team!, input }));
});
