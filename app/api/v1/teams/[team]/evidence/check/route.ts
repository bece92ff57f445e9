import { authedRoute, json } from "@/lib/api/route";
import { requestTeamLinkChecks } from "@/lib/evidence/snapshots/request-link-check";

export const dynamic = "force-dynamic";

/** Asks for a link check of every source the team cites (they run in the background). */
export const POST = authedRoute(async ({ params, actor }) =>
  json(await requestTeamLinkChecks({ actor, teamSlug: params.team! }), 202),
);
