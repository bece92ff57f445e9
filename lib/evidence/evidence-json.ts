import type { Tx } from "../db.ts";
import type { EvidenceRelation, Label } from "../generated/prisma/enums.ts";
import { isSafeHttpUrl } from "../urls/normalise-url.ts";
import { type LabelName, labelName } from "../validation/annotations.ts";
import { type EvidenceRelationName, evidenceRelationName } from "../validation/evidence.ts";
import {
  SNAPSHOT_SUMMARY_SELECT,
  type SnapshotSummaryJson,
  type SnapshotSummaryRow,
  toSnapshotSummaryJson,
} from "./snapshots/snapshot-json.ts";

/** Another annotation cited as evidence; `removed` when it was deleted since (its text is then hidden). */
export interface EvidenceTargetJson {
  annotationId: string | null;
  articleId: string | null;
  articleTitle: string | null;
  quote: string | null;
  label: LabelName | null;
  removed: boolean;
}

/** What an evidence item records of its source: where it is, what it says, when it was read. */
export interface EvidenceSourceJson {
  url: string | null;
  title: string | null;
  publisher: string | null;
  quote: string | null;
  accessedAt: string | null;
  archivedUrl: string | null;
}

/** One evidence item as the API, the exports and the evidence panel see it. */
export interface EvidenceJson extends EvidenceSourceJson {
  id: string;
  annotationId: string;
  relation: EvidenceRelationName;
  kind: "external" | "internal";
  target: EvidenceTargetJson | null;
  note: string | null;
  addedBy: { id: string; name: string };
  createdAt: string;
  /** Proofmark's snapshot of an external source and its last link check (null: none). */
  snapshot: SnapshotSummaryJson | null;
}

/** The include every evidence read uses, so rows always map to EvidenceJson. */
export const EVIDENCE_INCLUDE = {
  addedBy: { select: { id: true, name: true } },
  snapshot: { select: SNAPSHOT_SUMMARY_SELECT },
  targetAnnotation: {
    select: {
      id: true,
      teamId: true,
      articleId: true,
      quote: true,
      label: true,
      deletedAt: true,
      article: { select: { id: true, title: true, deletedAt: true } },
    },
  },
} as const;

export interface EvidenceRow {
  id: string;
  annotationId: string;
  relation: EvidenceRelation;
  url: string | null;
  title: string | null;
  publisher: string | null;
  quote: string | null;
  accessedAt: Date | null;
  archivedUrl: string | null;
  targetAnnotationId: string | null;
  targetArticleId: string | null;
  note: string | null;
  createdAt: Date;
  addedBy: { id: string; name: string };
  snapshot: SnapshotSummaryRow | null;
  targetAnnotation: {
    id: string;
    teamId: string;
    articleId: string;
    quote: string;
    label: Label;
    deletedAt: Date | null;
    article: { id: string; title: string; deletedAt: Date | null };
  } | null;
}

/**
 * Maps an evidence row to its API form. `teamId` is the team of the annotation it supports: a
 * target outside it (never written, but never shown either) counts as removed.
 */
export function toEvidenceJson(row: EvidenceRow, teamId: string): EvidenceJson {
  const internal = row.url === null;
  const target = row.targetAnnotation;
  const visible =
    target !== null &&
    target.deletedAt === null &&
    target.article.deletedAt === null &&
    target.teamId === teamId;
  return {
    id: row.id,
    annotationId: row.annotationId,
    relation: evidenceRelationName(row.relation),
    kind: internal ? "internal" : "external",
    // Stored URLs were normalised on write; re-checked so a row written any other way never
    // reaches an href.
    url: isSafeHttpUrl(row.url) ? row.url : null,
    title: row.title,
    publisher: row.publisher,
    quote: row.quote,
    accessedAt: row.accessedAt?.toISOString() ?? null,
    archivedUrl: isSafeHttpUrl(row.archivedUrl) ? row.archivedUrl : null,
    target: internal
      ? visible
        ? {
            annotationId: target.id,
            articleId: target.articleId,
            articleTitle: target.article.title,
            quote: target.quote,
            label: labelName(target.label),
            removed: false,
          }
        : {
            annotationId: row.targetAnnotationId,
            articleId: row.targetArticleId,
            articleTitle: null,
            quote: null,
            label: null,
            removed: true,
          }
      : null,
    note: row.note,
    addedBy: { id: row.addedBy.id, name: row.addedBy.name },
    createdAt: row.createdAt.toISOString(),
    snapshot: row.snapshot ? toSnapshotSummaryJson(row.snapshot) : null,
  };
}

/**
 * The live evidence of annotations of one team, by annotation id, oldest first (for exports
 * and lists; the caller has already checked the actor may read that team).
 * @throws Error when the database fails
 */
export async function loadEvidenceForAnnotations(
  client: Tx,
  { teamId, annotationIds }: { teamId: string; annotationIds: readonly string[] },
): Promise<Map<string, EvidenceJson[]>> {
  const byAnnotation = new Map<string, EvidenceJson[]>();
  if (annotationIds.length === 0) return byAnnotation;
  const rows = await client.evidence.findMany({
    where: { annotationId: { in: [...annotationIds] }, deletedAt: null, annotation: { teamId } },
    include: EVIDENCE_INCLUDE,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  for (const row of rows) {
    const list = byAnnotation.get(row.annotationId) ?? [];
    list.push(toEvidenceJson(row, teamId));
    byAnnotation.set(row.annotationId, list);
  }
  return byAnnotation;
}
