import type { AnnotationReviewJson } from "@/lib/annotations/annotation-json";
import type { StatusName } from "@/lib/validation/annotations";

/** The latest moderator decision on an annotation and its reason, shown next to its highlight. */
export function ReviewNote({
  annotation,
}: {
  annotation: { status: StatusName; review?: AnnotationReviewJson | null };
}) {
  const review = annotation.review;
  if (!review || annotation.status === "pending") return null;
  const what =
    review.decision === "reject"
      ? "Rejected"
      : review.decision === "relabel"
        ? `Relabelled ${review.fromLabel ?? ""} → ${review.toLabel ?? ""}`
        : "Approved";
  return (
    <span data-testid="review-note" className="mt-1 block text-xs text-gray-800">
      {what} by {review.moderator.name}
      {review.reason ? `: ${review.reason}` : ""}
    </span>
  );
}
