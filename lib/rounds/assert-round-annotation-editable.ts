import { db } from "../db.ts";
import { AppError } from "../errors.ts";

/**
 * A blind round's annotation may be edited or deleted by its author only while the round is open
 * and they have not submitted: submitting freezes it, and so does the reveal (docs/MODERATION.md).
 * @throws AppError conflict (frozen)
 */
export async function assertRoundAnnotationEditable(annotation: {
  roundId: string | null;
  authorId: string;
}): Promise<void> {
  if (!annotation.roundId) return;
  const assignment = await db.roundAssignment.findUnique({
    where: { roundId_annotatorId: { roundId: annotation.roundId, annotatorId: annotation.authorId } },
    select: { submittedAt: true, round: { select: { status: true } } },
  });
  if (assignment?.round.status !== "OPEN" || assignment.submittedAt !== null)
    throw new AppError(
      "conflict",
      "This annotation was submitted in a blind round and is frozen; moderators adjudicate it",
    );
}
