import { authedRoute, json, readJson } from "@/lib/api/route";
import { reviewAnnotationsBulk } from "@/lib/reviews/review-annotations-bulk";
import { ZBulkReviewInput } from "@/lib/validation/reviews";

export const dynamic = "force-dynamic";

/** One decision on a selection of the team's annotations, all or none. */
export const POST = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZBulkReviewInput, 64 * 1024);
  return json({ annotations: await reviewAnnotationsBulk({ actor, teamSlug: params.team!, input }) });
});
