import type { AnnotationJson } from "@/lib/annotations/annotation-json";

/** The latest moderator decision on an annotation and its reason, shown next to its highlight. */
export function ReviewNote({ annotation }: { annotation: AnnotationJson }) {
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
