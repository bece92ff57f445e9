import { authedRoute, json, readJson } from "@/lib/api/route";
import { listReviews } from "@/lib/reviews/list-reviews";
import { reviewAnnotation } from "@/lib/reviews/review-annotation";
import { ZReviewInput } from "@/lib/validation/reviews";

export const dynamic = "force-dynamic";

/** The annotation's reviews, oldest first. */
export const GET = authedRoute(async ({ params, actor }) =>
  json({ reviews: await listReviews({ actor, annotationId: params.id! }) }),
);

/** Approve, reject or relabel another member's annotation `{decision, label?, reason?, version?}`. */
export const POST = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZReviewInput, 16 * 1024);
  return json(await reviewAnnotation({ actor, annotationId: params.id!, input }), 201);
});
