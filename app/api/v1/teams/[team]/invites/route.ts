import { authedRoute, json, readJson } from "@/lib/api/route.ts";
import { createInvite } from "@/lib/teams/create-invite.ts";
import { listInvites } from "@/lib/teams/list-invites.ts";
import { ZCreateInviteInput } from "@/lib/validation/teams.ts";

/** The team's invites with their status (admins). */
export const GET = authedRoute(async ({ actor, params }) =>
  json({ invites: await listInvites({ actor, slug: params.team! }) }),
);

/** Creates an invite link; its secret is in this response only (admins). */
export const POST = authedRoute(async ({ req, actor, params }) => {
  const input = await readJson(req, ZCreateInviteInput, 16 * 1024);
  return json(await createInvite({ actor, slug: params.team!, input }), 201);
});
