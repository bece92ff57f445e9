import { ANNOTATION_INCLUDE, type AnnotationJson, toAnnotationJson } from "../annotations/annotation-json.ts";
import { getAnnotationAccessOrThrow } from "../annotations/get-annotation.ts";
import { publishAnnotations } from "../annotations/live-state.ts";
import { annotationChangedWhile, assertVersionSeen } from "../annotations/version-conflict.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { AnnotationCommand } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import { assertCan } from "../teams/access.ts";
import { labelName } from "../validation/annotations.ts";
import { ZReopenInput } from "../validation/reviews.ts";

/**
 * Reopens an approved or rejected annotation: it goes back to pending (label kept), with its
 * audit event (`annotation.reopen`) and a notification for its author in one transaction; then
 * it is published live. Same rule as a review: moderators and admins (tokens need `review`), and
 * nobody reopens their own annotation (that would undo a decision on one's own tag). The reviews
 * stay: they are the record of what was decided.
 * @throws AppError not_found | forbidden (role, token scope, own annotation) | invalid_input | conflict (already pending) | version_conflict
 */
export async function reopenAnnotation({
  actor,
  annotationId,
  input,
}: AnnotationCommand): Promise<{ annotation: AnnotationJson }> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "annotation.review");
  const parsed = ZReopenInput.parse(input);
  if (annotation.authorId === access.userId) {
    throw new AppError("forbidden", "You cannot reopen your own annotation; another moderator must");
  }
  if (annotation.status === "PENDING") {
    throw new AppError("conflict", "The annotation is already pending review");
  }
  assertVersionSeen(annotation, parsed.version);
  const reason = parsed.reason?.trim() || null;
  const reopened = await db.$transaction(async (tx) => {
    // The status and version check and the write are one statement (a concurrent decision wins).
    const updated = await tx.annotation.updateMany({
      where: { id: annotation.id, version: annotation.version, status: annotation.status, deletedAt: null },
      data: { status: "PENDING", version: { increment: 1 } },
    });
    if (updated.count === 0) {
      throw annotationChangedWhile(annotation.id, "reopened");
    }
    await recordAuditEvent(tx, {
      teamId: annotation.teamId,
      actor,
      action: "annotation.reopen",
      entityType: "annotation",
      entityId: annotation.id,
      before: {
        label: labelName(annotation.label),
        status: annotation.status.toLowerCase(),
        version: annotation.version,
      },
      after: {
        label: labelName(annotation.label),
        status: "pending",
        version: annotation.version + 1,
        reason,
      },
    });
    await notifyUser(tx, {
      userId: annotation.authorId,
      teamId: annotation.teamId,
      annotationId: annotation.id,
      kind: "annotation.reopened",
      payload: {
        articleId: annotation.articleId,
        fromStatus: annotation.status.toLowerCase(),
        reason,
        by: { id: access.userId },
      },
    });
    const row = await tx.annotation.findUniqueOrThrow({
      where: { id: annotation.id },
      include: ANNOTATION_INCLUDE,
    });
    return toAnnotationJson(row);
  });
  await publishAnnotations(annotation.articleId, { upsert: [reopened] });
  return { annotation: reopened };
}
