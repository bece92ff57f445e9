import { authedRoute, json } from "@/lib/api/route.ts";
import { getTeam } from "@/lib/teams/get-team.ts";

/** One team the caller belongs to. */
export const GET = authedRoute(async ({ actor, params }) =>
  json(await getTeam({ actor, slug: params.team! })),
);
