import { authedRoute, json, readJson } from "@/lib/api/route.ts";
import { createTeam } from "@/lib/teams/create-team.ts";
import { listTeams } from "@/lib/teams/list-teams.ts";
import { ZCreateTeamInput } from "@/lib/validation/teams.ts";

/** The caller's teams with their role in each (a token: only its own team). */
export const GET = authedRoute(async ({ actor }) => json({ teams: await listTeams({ actor }) }));

/** Creates a team; the signed-in caller becomes its admin. */
export const POST = authedRoute(async ({ req, actor }) => {
  const input = await readJson(req, ZCreateTeamInput, 16 * 1024);
  return json(await createTeam({ actor, input }), 201);
});
