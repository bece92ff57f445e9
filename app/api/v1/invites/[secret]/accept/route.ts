import { authedRoute, json } from "@/lib/api/route.ts";
import { acceptInvite } from "@/lib/teams/accept-invite.ts";

/** Joins the signed-in caller to the invite's team. */
export const POST = authedRoute(async ({ actor, params }) => {
  const result = await acceptInvite({ actor, secret: params.secret ?? "" });
  return json(result, result.alreadyMember ? 200 : 201);
});
