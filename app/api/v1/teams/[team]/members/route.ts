import { authedRoute, json } from "@/lib/api/route.ts";
import { listMembers } from "@/lib/teams/list-members.ts";

/** The team's members and their roles. */
export const GET = authedRoute(async ({ actor, params }) =>
  json({ members: await listMembers({ actor, slug: params.team! }) }),
);
