import { annotationChangedWhile, assertVersionSeen } from "../annotations/version-conflict.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import type { Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { loadAnnotationEventData } from "../events/event-data.ts";
import { recordEvent } from "../events/record-event.ts";
import type { AnnotationStatus, Label, ReviewDecision } from "../generated/prisma/enums.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import type { TeamAccess } from "../teams/access.ts";
import { type LabelName, labelName, toLabel } from "../validation/annotations.ts";
import type { DecisionName } from "../validation/reviews.ts";
import { withdrawVerdictInTx } from "../verdicts/withdraw-verdict.ts";

/** One decision on one annotation, already validated by zod. */
export interface ReviewDecisionInput {
  decision: DecisionName;
  label?: LabelName;
  reason?: string | null;
  version?: number;
}

/** The annotation fields a review reads. */
export interface ReviewTarget {
  id: string;
  teamId: string;
  articleId: string;
  authorId: string;
  label: Label;
  status: AnnotationStatus;
  version: number;
  /** The blind round it was made in, if any: reviewed only once that round is revealed. */
  roundId?: string | null;
}

const DECISION: Record<DecisionName, ReviewDecision> = {
  approve: "APPROVE",
  reject: "REJECT",
  relabel: "RELABEL",
};

/**
 * Checks the rules a decision must satisfy for this annotation: nobody reviews their own
 * annotation (approve, reject or relabel), a relabel changes the label, a given version is current.
 * @throws AppError forbidden | invalid_input | version_conflict
 */
export function assertReviewAllowed(
  access: TeamAccess,
  target: ReviewTarget,
  input: ReviewDecisionInput,
): void {
  if (target.authorId === access.userId) {
    throw new AppError("forbidden", "You cannot review your own annotation; another moderator must");
  }
  if (input.decision === "relabel" && input.label && toLabel(input.label) === target.label) {
    throw new AppError("invalid_input", `label: the annotation is already ${input.label}`);
  }
  assertVersionSeen(target, input.version);
}

// Adjudication starts at the reveal: an open round's annotations are not reviewed (a review
// would notify their author and reach the event feed while the round is still blind).
async function assertRoundRevealed(tx: Tx, roundId: string): Promise<void> {
  const round = await tx.round.findUnique({ where: { id: roundId }, select: { status: true } });
  if (round?.status === "OPEN")
    throw new AppError("conflict", "This annotation belongs to an open blind round; reveal the round first");
}

/**
 * Writes one decision inside the caller's transaction: the Review row, the annotation's new
 * status (and label, for relabel), its audit event and a notification for the author.
 * Approve and relabel leave the annotation approved (relabel under the new label); reject
 * leaves it rejected. The version check and the write are one statement. A relabel or a rejection
 * withdraws the annotation's verdict, if any (`verdictWithdrawn`; audited as `verdict.withdraw`).
 * @throws AppError forbidden | invalid_input | version_conflict
 */
export async function applyReview(
  tx: Tx,
  {
    actor,
    access,
    target,
    input,
  }: { actor: Actor; access: TeamAccess; target: ReviewTarget; input: ReviewDecisionInput },
): Promise<{ reviewId: string; verdictWithdrawn: boolean }> {
  assertReviewAllowed(access, target, input);
  if (target.roundId) await assertRoundRevealed(tx, target.roundId);
  const status: AnnotationStatus = input.decision === "reject" ? "REJECTED" : "APPROVED";
  const label = input.decision === "relabel" && input.label ? toLabel(input.label) : target.label;
  const reason = input.reason?.trim() || null;
  const updated = await tx.annotation.updateMany({
    where: { id: target.id, version: target.version, deletedAt: null },
    data: { status, label, version: { increment: 1 } },
  });
  if (updated.count === 0) {
    throw annotationChangedWhile(target.id, "reviewed");
  }
  const review = await tx.review.create({
    data: {
      annotationId: target.id,
      moderatorId: access.userId,
      decision: DECISION[input.decision],
      fromLabel: target.label,
      toLabel: label,
      reason,
    },
  });
  await recordAuditEvent(tx, {
    teamId: target.teamId,
    actor,
    action: `annotation.${input.decision}`,
    entityType: "annotation",
    entityId: target.id,
    before: { label: labelName(target.label), status: target.status.toLowerCase(), version: target.version },
    after: {
      label: labelName(label),
      status: status.toLowerCase(),
      version: target.version + 1,
      reviewId: review.id,
      reason,
    },
  });
  const verdictWithdrawn =
    input.decision === "approve"
      ? false
      : await withdrawVerdictInTx(tx, {
          actor,
          teamId: target.teamId,
          annotationId: target.id,
          reason: input.decision,
        });
  await notifyUser(tx, {
    userId: target.authorId,
    teamId: target.teamId,
    annotationId: target.id,
    kind: "annotation.reviewed",
    payload: {
      articleId: target.articleId,
      decision: input.decision,
      fromLabel: labelName(target.label),
      toLabel: labelName(label),
      reason,
      by: { id: access.userId },
    },
  });
  await recordEvent(tx, {
    teamId: target.teamId,
    type: "annotation.reviewed",
    data: {
      ...(await loadAnnotationEventData(tx, target.id, actor)),
      review: {
        id: review.id,
        decision: input.decision,
        fromLabel: labelName(target.label),
        toLabel: labelName(label),
        reason,
      },
    },
  });
  return { reviewId: review.id, verdictWithdrawn };
}
