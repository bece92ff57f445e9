import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError, notFound } from "../errors.ts";
import { loadAnnotationEventData } from "../events/event-data.ts";
import { recordEvent } from "../events/record-event.ts";
import { canRemoveEvidence } from "../policies/evidence.ts";
import { isBlindRoundAnnotation } from "../rounds/is-blind-annotation.ts";
import { assertCan, getTeamAccessOrThrow } from "../teams/access.ts";
import { inVisibleTeamWhere } from "../teams/visibility.ts";
import { ZUuid } from "../validation/articles.ts";
import { auditView } from "./add-evidence.ts";
import { EVIDENCE_INCLUDE, toEvidenceJson } from "./evidence-json.ts";
import { publishEvidenceChange } from "./publish-evidence-change.ts";

/**
 * Finds a live evidence item on a live annotation of one of the actor's teams (anything else,
 * including another team's, is 404) with the actor's access to that team.
 * @throws AppError not_found
 */
export async function getEvidenceAccessOrThrow(actor: Actor, evidenceId: string) {
  if (!ZUuid.safeParse(evidenceId).success) throw notFound("Evidence");
  const evidence = await db.evidence.findFirst({
    where: {
      id: evidenceId,
      deletedAt: null,
      annotation: {
        deletedAt: null,
        article: { deletedAt: null },
        ...inVisibleTeamWhere(actor),
      },
    },
    include: {
      ...EVIDENCE_INCLUDE,
      annotation: { select: { id: true, teamId: true, articleId: true, authorId: true } },
    },
  });
  if (!evidence) throw notFound("Evidence");
  const access = await getTeamAccessOrThrow(actor, { id: evidence.annotation.teamId });
  return { evidence, access };
}

/**
 * Removes an evidence item (a soft delete kept for the audit trail): whoever added it, the
 * annotation's author, moderators and admins may; the new counts are published live.
 * @throws AppError not_found | forbidden | conflict (archived article)
 */
export async function removeEvidence({
  actor,
  evidenceId,
}: {
  actor: Actor;
  evidenceId: string;
}): Promise<void> {
  const { evidence, access } = await getEvidenceAccessOrThrow(actor, evidenceId);
  assertCan(access, "annotation.create");
  if (
    !canRemoveEvidence(access, {
      addedById: evidence.addedById,
      annotationAuthorId: evidence.annotation.authorId,
    })
  ) {
    throw new AppError(
      "forbidden",
      "Only whoever added this evidence, the annotation's author, moderators and admins can remove it",
    );
  }
  const article = await db.article.findUniqueOrThrow({
    where: { id: evidence.annotation.articleId },
    select: { archivedAt: true },
  });
  if (article.archivedAt) {
    throw new AppError("conflict", "This article is archived; its annotations can no longer change");
  }
  await db.$transaction(async (tx) => {
    const result = await tx.evidence.updateMany({
      where: { id: evidence.id, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    if (result.count === 0) throw notFound("Evidence");
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "evidence.remove",
      entityType: "evidence",
      entityId: evidence.id,
      before: auditView(toEvidenceJson(evidence, access.team.id), evidence.annotation.articleId),
    });
    // A blind round's annotation reaches the event feed only at the reveal.
    if (!(await isBlindRoundAnnotation(tx, evidence.annotationId)))
      await recordEvent(tx, {
        teamId: access.team.id,
        type: "evidence.removed",
        data: {
          evidence: {
            id: evidence.id,
            ...auditView(toEvidenceJson(evidence, access.team.id), evidence.annotation.articleId),
          },
          ...(await loadAnnotationEventData(tx, evidence.annotationId, actor)),
        },
      });
  });
  await publishEvidenceChange([evidence.annotationId, evidence.targetAnnotationId]);
}
