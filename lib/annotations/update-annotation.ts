import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { AnnotationCommand } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { loadAnnotationEventData } from "../events/event-data.ts";
import { recordEvent } from "../events/record-event.ts";
import { canChangeOwnAnnotation } from "../policies/annotation.ts";
import { assertRoundAnnotationEditable } from "../rounds/assert-round-annotation-editable.ts";
import { labelName, toLabel, ZUpdateAnnotationInput } from "../validation/annotations.ts";
import { publishVerdicts } from "../verdicts/live-verdicts.ts";
import { withdrawVerdictInTx } from "../verdicts/withdraw-verdict.ts";
import { ANNOTATION_INCLUDE, type AnnotationJson, toAnnotationJson } from "./annotation-json.ts";
import { getAnnotationAccessOrThrow } from "./get-annotation.ts";
import { publishAnnotations } from "./live-state.ts";
import { staleAnnotationEdit } from "./version-conflict.ts";

/**
 * Changes the label or note of one's own annotation, given the version one last saw (409 when
 * someone changed it since). A reviewed annotation that its author changes goes back to pending,
 * which withdraws its verdict, if any (audited).
 * @throws AppError not_found | forbidden | invalid_input | version_conflict
 */
export async function updateAnnotation({
  actor,
  annotationId,
  input,
}: AnnotationCommand): Promise<AnnotationJson> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  if (!canChangeOwnAnnotation(access, annotation)) {
    throw new AppError("forbidden", "Only the author can change an annotation; moderators review it instead");
  }
  await assertRoundAnnotationEditable(annotation);
  const parsed = ZUpdateAnnotationInput.parse(input);
  const label = parsed.label ? toLabel(parsed.label) : annotation.label;
  const note = parsed.note === undefined ? annotation.note : parsed.note || null;
  const changed = label !== annotation.label || note !== annotation.note;
  let verdictWithdrawn = false;
  const updated = await db.$transaction(async (tx) => {
    // The version check and the write are one statement, so two stale writers cannot both win.
    const result = await tx.annotation.updateMany({
      where: { id: annotation.id, version: parsed.version, deletedAt: null },
      data: changed
        ? {
            label,
            note,
            version: { increment: 1 },
            ...(annotation.status !== "PENDING" ? { status: "PENDING" } : {}),
          }
        : {},
    });
    if (result.count === 0) {
      throw staleAnnotationEdit(annotation.version);
    }
    const row = await tx.annotation.findUniqueOrThrow({
      where: { id: annotation.id },
      include: ANNOTATION_INCLUDE,
    });
    if (changed) {
      await recordAuditEvent(tx, {
        teamId: access.team.id,
        actor,
        action: "annotation.update",
        entityType: "annotation",
        entityId: annotation.id,
        before: {
          label: labelName(annotation.label),
          note: annotation.note,
          status: annotation.status.toLowerCase(),
        },
        after: {
          label: labelName(row.label),
          note: row.note,
          status: row.status.toLowerCase(),
          version: row.version,
        },
      });
      // A blind round's annotations reach the event feed only at the reveal (round.revealed).
      if (!annotation.roundId)
        await recordEvent(tx, {
          teamId: access.team.id,
          type: "annotation.updated",
          data: {
            ...(await loadAnnotationEventData(tx, annotation.id, actor)),
            previous: { label: labelName(annotation.label), note: annotation.note },
          },
        });
      verdictWithdrawn = await withdrawVerdictInTx(tx, {
        actor,
        teamId: access.team.id,
        annotationId: annotation.id,
        reason: "edit",
      });
    }
    return toAnnotationJson(row);
  });
  if (changed) await publishAnnotations(annotation.articleId, { upsert: [updated] });
  if (verdictWithdrawn) await publishVerdicts(annotation.articleId, { remove: [annotation.id] });
  return updated;
}
