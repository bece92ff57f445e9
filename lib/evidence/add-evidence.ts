import { getAnnotationAccessOrThrow } from "../annotations/get-annotation.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { AnnotationCommand } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError, notFound } from "../errors.ts";
import { loadAnnotationEventData } from "../events/event-data.ts";
import { recordEvent } from "../events/record-event.ts";
import { isBlindRoundAnnotation } from "../rounds/is-blind-annotation.ts";
import { assertCan } from "../teams/access.ts";
import { ZUuid } from "../validation/articles.ts";
import { toEvidenceRelation, ZCreateEvidenceInput } from "../validation/evidence.ts";
import { EVIDENCE_INCLUDE, type EvidenceJson, toEvidenceJson } from "./evidence-json.ts";
import { publishEvidenceChange } from "./publish-evidence-change.ts";
import { kickEvidenceDispatcher } from "./snapshots/start-evidence-archiving.ts";

/**
 * Attaches evidence (corroborates / contradicts; an external source or another annotation of
 * the same team) to an annotation, with its audit event (and, for an external source, its
 * snapshot row, which the dispatcher turns into the archive job) in the same transaction, then
 * publishes the new counts live. Another team's, a deleted or a malformed target is "not found".
 * @throws AppError not_found | forbidden | invalid_input | conflict (archived article)
 */
export async function addEvidence({ actor, annotationId, input }: AnnotationCommand): Promise<EvidenceJson> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "annotation.create");
  const parsed = ZCreateEvidenceInput.parse(input);
  const article = await db.article.findUniqueOrThrow({
    where: { id: annotation.articleId },
    select: { archivedAt: true },
  });
  if (article.archivedAt) {
    throw new AppError("conflict", "This article is archived; its annotations can no longer change");
  }

  let targetArticleId: string | null = null;
  if (parsed.targetAnnotationId !== null) {
    if (parsed.targetAnnotationId === annotation.id) {
      throw new AppError("invalid_input", "targetAnnotationId: an annotation cannot cite itself");
    }
    if (!ZUuid.safeParse(parsed.targetAnnotationId).success) throw notFound("Target annotation");
    const target = await db.annotation.findFirst({
      where: {
        id: parsed.targetAnnotationId,
        teamId: access.team.id,
        deletedAt: null,
        article: { deletedAt: null },
      },
      select: { id: true, articleId: true },
    });
    if (!target) throw notFound("Target annotation");
    targetArticleId = target.articleId;
  }

  const created = await db.$transaction(async (tx) => {
    const row = await tx.evidence.create({
      data: {
        annotationId: annotation.id,
        relation: toEvidenceRelation(parsed.relation),
        url: parsed.url,
        title: parsed.title,
        publisher: parsed.publisher,
        quote: parsed.quote,
        accessedAt: parsed.accessedAt,
        archivedUrl: parsed.archivedUrl,
        targetAnnotationId: parsed.targetAnnotationId,
        targetArticleId,
        note: parsed.note,
        addedById: access.userId,
      },
      include: EVIDENCE_INCLUDE,
    });
    if (row.url) {
      // The snapshot row is the archive job's durable record: the dispatcher sends its job.
      await tx.evidenceSnapshot.create({
        data: { evidenceId: row.id, teamId: access.team.id, url: row.url },
      });
    }
    const json = toEvidenceJson(row, access.team.id);
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "evidence.add",
      entityType: "evidence",
      entityId: row.id,
      after: auditView(json, annotation.articleId),
    });
    // A blind round's annotation reaches the event feed only at the reveal.
    if (!(await isBlindRoundAnnotation(tx, annotation.id)))
      await recordEvent(tx, {
        teamId: access.team.id,
        type: "evidence.added",
        data: {
          evidence: { id: row.id, ...auditView(json, annotation.articleId) },
          ...(await loadAnnotationEventData(tx, annotation.id, actor)),
        },
      });
    return json;
  });
  await publishEvidenceChange([annotation.id, created.target?.annotationId ?? null]);
  if (created.kind === "external") kickEvidenceDispatcher();
  return created;
}

/** What the audit log keeps of an evidence item (no names: they are joined on read). */
export function auditView(evidence: EvidenceJson, articleId: string) {
  return {
    annotationId: evidence.annotationId,
    articleId,
    relation: evidence.relation,
    kind: evidence.kind,
    url: evidence.url,
    title: evidence.title,
    publisher: evidence.publisher,
    quote: evidence.quote,
    accessedAt: evidence.accessedAt,
    archivedUrl: evidence.archivedUrl,
    targetAnnotationId: evidence.target?.annotationId ?? null,
    targetArticleId: evidence.target?.articleId ?? null,
    note: evidence.note,
  };
}
