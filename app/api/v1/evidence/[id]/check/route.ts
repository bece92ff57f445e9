import { authedRoute, json } from "@/lib/api/route";
import { requestLinkCheck } from "@/lib/evidence/snapshots/request-link-check";

export const dynamic = "force-dynamic";

/** Asks for a link check of the cited page now (it runs in the background). */
export const POST = authedRoute(async ({ params, actor }) =>
  json(await requestLinkCheck({ actor, evidenceId: params.id! }), 202),
);
