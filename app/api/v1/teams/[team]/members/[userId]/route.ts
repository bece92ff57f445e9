import { authedRoute, json, readJson } from "@/lib/api/route.ts";
import { changeMemberRole } from "@/lib/teams/change-member-role.ts";
import { removeMember } from "@/lib/teams/remove-member.ts";
import { parseIdOrNotFound, ZChangeMemberRoleInput } from "@/lib/validation/teams.ts";

/** Changes a member's role (admins). */
export const PATCH = authedRoute(async ({ req, actor, params }) => {
  const userId = parseIdOrNotFound(params.userId, "Member");
  const { role } = await readJson(req, ZChangeMemberRoleInput, 16 * 1024);
  return json(await changeMemberRole({ actor, slug: params.team!, userId, role }));
});

/** Removes a member from the team (admins). */
export const DELETE = authedRoute(async ({ actor, params }) => {
  const userId = parseIdOrNotFound(params.userId, "Member");
  await removeMember({ actor, slug: params.team!, userId });
  return new Response(null, { status: 204 });
});
