import type { Actor } from "../auth/actor.ts";
import type { ReviewDecisionInput } from "../reviews/apply-review.ts";
import { applyReviewsAtomically } from "../reviews/review-annotations-bulk.ts";
import { buildPassages, getAdjudicationAccessOrThrow } from "./get-adjudication.ts";

/** The reason recorded on the copies an agreed passage is merged from. */
export const MERGED_REASON =
  "Merged at adjudication: every annotator of the blind round agreed; one copy is kept";

/**
 * Accepts every agreed passage of a revealed round in one step ("pre-merged"): in each passage
 * all annotators tagged with the same label, so one of their annotations (the earliest) is
 * approved and the identical copies are rejected as merged, leaving one approved annotation per
 * passage in the article. All decisions commit together through the review use case (audit,
 * notifications, events, live publish). Passages already settled are left as they are.
 * @throws AppError not_found | forbidden | conflict (round still open) | version_conflict
 */
export async function acceptAgreedPassages({
  actor,
  roundId,
}: {
  actor: Actor;
  roundId: string;
}): Promise<{ accepted: number }> {
  const { round, access, rows, text } = await getAdjudicationAccessOrThrow(actor, roundId);
  const passages = buildPassages(
    rows,
    round.assignments.map((assignment) => assignment.annotator.id),
    text,
  ).filter((passage) => passage.agreed && !passage.settled);
  const items: Array<{ annotationId: string; input: ReviewDecisionInput }> = [];
  for (const passage of passages) {
    const annotations = passage.columns.flatMap((column) => column.annotations);
    const kept = annotations.find((annotation) => annotation.status === "approved") ?? annotations[0]!;
    for (const annotation of annotations) {
      if (annotation.status !== "pending") continue;
      items.push({
        annotationId: annotation.id,
        input:
          annotation.id === kept.id
            ? { decision: "approve", version: annotation.version }
            : { decision: "reject", reason: MERGED_REASON, version: annotation.version },
      });
    }
  }
  if (items.length > 0) await applyReviewsAtomically({ actor, access, items });
  return { accepted: passages.length };
}
