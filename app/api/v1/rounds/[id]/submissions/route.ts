import { authedRoute, json } from "@/lib/api/route";
import { submitRound } from "@/lib/rounds/submit-round";

export const dynamic = "force-dynamic";

/** The caller, an annotator of the open round, submits their annotations of it (then frozen). */
export const POST = authedRoute(async ({ params, actor }) =>
  json(await submitRound({ actor, roundId: params.id! }), 201),
);
