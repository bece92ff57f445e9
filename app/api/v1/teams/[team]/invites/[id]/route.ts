import { authedRoute } from "@/lib/api/route.ts";
import { revokeInvite } from "@/lib/teams/revoke-invite.ts";
import { parseIdOrNotFound } from "@/lib/validation/teams.ts";

/** Revokes an invite (admins). */
export const DELETE = authedRoute(async ({ actor, params }) => {
  const inviteId = parseIdOrNotFound(params.id, "Invite");
  await revokeInvite({ actor, slug: params.team!, inviteId });
  return new Response(null, { status: 204 });
});
