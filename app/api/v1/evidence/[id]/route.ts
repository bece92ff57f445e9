import { authedRoute } from "@/lib/api/route";
import { removeEvidence } from "@/lib/evidence/remove-evidence";

export const dynamic = "force-dynamic";

/** Removes an evidence item (its adder, the annotation's author, moderators, admins). */
export const DELETE = authedRoute(async ({ params, actor }) => {
  await removeEvidence({ actor, evidenceId: params.id! });
  return new Response(null, { status: 204 });
});
