import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { AnnotationCommand } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { loadAnnotationEventData } from "../events/event-data.ts";
import { recordEvent } from "../events/record-event.ts";
import { publishTargetsOfDeletedAnnotation } from "../evidence/publish-evidence-change.ts";
import { canChangeOwnAnnotation } from "../policies/annotation.ts";
import { assertRoundAnnotationEditable } from "../rounds/assert-round-annotation-editable.ts";
import { roundProgressChange } from "../rounds/live-round-progress.ts";
import { labelName, ZDeleteAnnotationInput } from "../validation/annotations.ts";
import { publishVerdicts } from "../verdicts/live-verdicts.ts";
import { withdrawVerdictInTx } from "../verdicts/withdraw-verdict.ts";
import { getAnnotationAccessOrThrow } from "./get-annotation.ts";
import { publishAnnotations } from "./live-state.ts";
import { staleAnnotationEdit } from "./version-conflict.ts";

/**
 * Deletes one's own annotation (a soft delete kept for the audit trail), given the version one
 * last saw (409 when stale).
 * @throws AppError not_found | forbidden | invalid_input | version_conflict
 */
export async function deleteAnnotation({ actor, annotationId, input }: AnnotationCommand): Promise<void> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  if (!canChangeOwnAnnotation(access, annotation)) {
    throw new AppError("forbidden", "Only the author can delete an annotation; moderators review it instead");
  }
  await assertRoundAnnotationEditable(annotation);
  const { version } = ZDeleteAnnotationInput.parse(input);
  const verdictWithdrawn = await db.$transaction(async (tx) => {
    const result = await tx.annotation.updateMany({
      where: { id: annotation.id, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (result.count === 0) {
      throw staleAnnotationEdit(annotation.version);
    }
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "annotation.delete",
      entityType: "annotation",
      entityId: annotation.id,
      before: { label: labelName(annotation.label), note: annotation.note, quote: annotation.quote },
    });
    // A blind round's annotations reach the event feed only at the reveal (round.revealed).
    if (!annotation.roundId)
      await recordEvent(tx, {
        teamId: access.team.id,
        type: "annotation.deleted",
        data: await loadAnnotationEventData(tx, annotation.id, actor),
      });
    return withdrawVerdictInTx(tx, {
      actor,
      teamId: access.team.id,
      annotationId: annotation.id,
      reason: "delete",
    });
  });
  await publishAnnotations(
    annotation.articleId,
    { remove: [annotation.id] },
    annotation.roundId ? roundProgressChange(annotation.articleId, [annotation.authorId]) : undefined,
  );
  if (verdictWithdrawn) await publishVerdicts(annotation.articleId, { remove: [annotation.id] });
  await publishTargetsOfDeletedAnnotation(annotation.id);
}
