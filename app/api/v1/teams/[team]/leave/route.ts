import { authedRoute } from "@/lib/api/route.ts";
import { leaveTeam } from "@/lib/teams/leave-team.ts";

/** The signed-in caller leaves the team. */
export const POST = authedRoute(async ({ actor, params }) => {
  await leaveTeam({ actor, slug: params.team! });
  return new Response(null, { status: 204 });
});
