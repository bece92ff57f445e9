import { authedRoute, json, readQuery } from "@/lib/api/route";
import { listReviewQueue } from "@/lib/moderation/list-review-queue";
import { ZQueryString } from "@/lib/validation/reviews";

export const dynamic = "force-dynamic";

/** The review queue (filters, sort, cursor, capped count); the disagreements are `./disagreements`. */
export const GET = authedRoute(async ({ req, params, actor }) =>
  json(await listReviewQueue({ actor, teamSlug: params.team!, query: readQuery(req, ZQueryString) })),
);
