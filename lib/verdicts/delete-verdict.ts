import { getAnnotationAccessOrThrow } from "../annotations/get-annotation.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { AnnotationTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import { notFound } from "../errors.ts";
import { assertCan } from "../teams/access.ts";
import { publishVerdicts } from "./live-verdicts.ts";
import { VERDICT_AUDIT_INCLUDE, verdictAuditState } from "./verdict-audit.ts";

/**
 * Removes the verdict of an annotation (moderators and admins), audited on its history and
 * removed from the live state after commit.
 * @throws AppError not_found (annotation or verdict) | forbidden
 */
export async function deleteVerdict({ actor, annotationId }: AnnotationTarget): Promise<void> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "verdict.write", "Only moderators and admins remove verdicts");
  await db.$transaction(async (tx) => {
    const verdict = await tx.verdict.findUnique({
      where: { annotationId: annotation.id },
      include: VERDICT_AUDIT_INCLUDE,
    });
    if (verdict) await tx.verdict.delete({ where: { id: verdict.id } });
    if (!verdict) throw notFound("Verdict");
    await recordAuditEvent(tx, {
      teamId: annotation.teamId,
      actor,
      action: "verdict.delete",
      entityType: "annotation",
      entityId: annotation.id,
      before: verdictAuditState(verdict),
    });
  });
  await publishVerdicts(annotation.articleId, { remove: [annotation.id] });
}
