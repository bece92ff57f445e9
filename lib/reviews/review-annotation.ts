import { ANNOTATION_INCLUDE, type AnnotationJson, toAnnotationJson } from "../annotations/annotation-json.ts";
import { getAnnotationAccessOrThrow } from "../annotations/get-annotation.ts";
import { publishAnnotations } from "../annotations/live-state.ts";
import type { AnnotationCommand } from "../auth/actor.ts";
import { db } from "../db.ts";
import { assertCan } from "../teams/access.ts";
import { ZReviewInput } from "../validation/reviews.ts";
import { publishVerdicts } from "../verdicts/live-verdicts.ts";
import { applyReview } from "./apply-review.ts";
import { REVIEW_INCLUDE, type ReviewJson, toReviewJson } from "./list-reviews.ts";

/**
 * Approves, rejects (with a reason) or relabels (with a reason) another member's annotation:
 * the review, the new status/label, the audit event and the author's notification commit in one
 * transaction; then everyone with the article open sees the highlight's new status live. A relabel
 * or rejection withdraws the annotation's verdict (`verdictWithdrawn: true` in the result).
 * @throws AppError not_found | forbidden (role, token scope, own annotation) | invalid_input | version_conflict
 */
export async function reviewAnnotation({ actor, annotationId, input }: AnnotationCommand): Promise<{
  review: ReviewJson;
  annotation: AnnotationJson;
  verdictWithdrawn: boolean;
}> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "annotation.review");
  const parsed = ZReviewInput.parse(input);
  const reviewed = await db.$transaction(async (tx) => {
    const { reviewId, verdictWithdrawn } = await applyReview(tx, {
      actor,
      access,
      target: annotation,
      input: parsed,
    });
    const row = await tx.annotation.findUniqueOrThrow({
      where: { id: annotation.id },
      include: ANNOTATION_INCLUDE,
    });
    const review = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, include: REVIEW_INCLUDE });
    return { review: toReviewJson(review), annotation: toAnnotationJson(row), verdictWithdrawn };
  });
  await publishAnnotations(annotation.articleId, { upsert: [reviewed.annotation] });
  if (reviewed.verdictWithdrawn) await publishVerdicts(annotation.articleId, { remove: [annotation.id] });
  return reviewed;
}
