import { authedRoute, json, readQuery } from "@/lib/api/route";
import { listOpenDisagreements } from "@/lib/moderation/list-disagreements";
import { ZQueryString } from "@/lib/validation/reviews";

export const dynamic = "force-dynamic";

/** The open disagreements among the oldest pending tags (the team's, or one article's). */
export const GET = authedRoute(async ({ params, req, actor }) =>
  json(await listOpenDisagreements({ actor, teamSlug: params.team!, query: readQuery(req, ZQueryString) })),
);
