import { getAnnotationAccessOrThrow } from "../annotations/get-annotation.ts";
import type { AnnotationTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import { canAddEvidence, canRemoveEvidence } from "../policies/evidence.ts";
import { annotationViewerOf, visibleAnnotationWhere } from "../rounds/annotation-visibility.ts";
import { assertCan } from "../teams/access.ts";
import { type LabelName, labelName } from "../validation/annotations.ts";
import { type EvidenceRelationName, evidenceRelationName } from "../validation/evidence.ts";
import { EVIDENCE_INCLUDE, type EvidenceJson, toEvidenceJson } from "./evidence-json.ts";

/** An evidence item as the panel shows it: the item plus whether the actor may remove it. */
export type EvidenceItemJson = EvidenceJson & { canRemove: boolean };

/** Another annotation that cites this one as evidence (the back-link). */
export interface CitingAnnotationJson {
  evidenceId: string;
  relation: EvidenceRelationName;
  annotationId: string;
  articleId: string;
  articleTitle: string;
  quote: string;
  label: LabelName;
  addedBy: { id: string; name: string };
  createdAt: string;
}

/** Everything the evidence panel of one annotation shows. */
export interface EvidenceListJson {
  annotationId: string;
  articleId: string;
  canAdd: boolean;
  corroborates: EvidenceItemJson[];
  contradicts: EvidenceItemJson[];
  citedBy: CitingAnnotationJson[];
}

const MAX_ITEMS = 500;

/**
 * An annotation's evidence in two groups (oldest first), and the annotations of the same team
 * that cite it ("cited as evidence by").
 * @throws AppError not_found | forbidden (token without `read`)
 */
export async function listEvidence({ actor, annotationId }: AnnotationTarget): Promise<EvidenceListJson> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "team.read");
  const teamId = access.team.id;
  const [rows, citing] = await Promise.all([
    db.evidence.findMany({
      where: { annotationId: annotation.id, deletedAt: null },
      include: EVIDENCE_INCLUDE,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: MAX_ITEMS,
    }),
    db.evidence.findMany({
      where: {
        targetAnnotationId: annotation.id,
        deletedAt: null,
        // Only citing annotations the reader may see (not an open blind round's of others).
        annotation: {
          teamId,
          deletedAt: null,
          article: { deletedAt: null },
          ...visibleAnnotationWhere(annotationViewerOf(access)),
        },
      },
      include: {
        addedBy: { select: { id: true, name: true } },
        annotation: {
          select: {
            id: true,
            articleId: true,
            quote: true,
            label: true,
            article: { select: { title: true } },
          },
        },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: MAX_ITEMS,
    }),
  ]);
  const items = rows.map(
    (row): EvidenceItemJson => ({
      ...toEvidenceJson(row, teamId),
      canRemove: canRemoveEvidence(access, {
        addedById: row.addedById,
        annotationAuthorId: annotation.authorId,
      }),
    }),
  );
  return {
    annotationId: annotation.id,
    articleId: annotation.articleId,
    canAdd: canAddEvidence(access),
    corroborates: items.filter((item) => item.relation === "corroborates"),
    contradicts: items.filter((item) => item.relation === "contradicts"),
    citedBy: citing.map((row) => ({
      evidenceId: row.id,
      relation: evidenceRelationName(row.relation),
      annotationId: row.annotation.id,
      articleId: row.annotation.articleId,
      articleTitle: row.annotation.article.title,
      quote: row.annotation.quote,
      label: labelName(row.annotation.label),
      addedBy: { id: row.addedBy.id, name: row.addedBy.name },
      createdAt: row.createdAt.toISOString(),
    })),
  };
}
