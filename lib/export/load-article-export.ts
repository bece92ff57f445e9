import { db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { labelName, statusName } from "../validation/annotations.ts";
import { evidenceRelationName } from "../validation/evidence.ts";
import { annotationWhere, type ExportFilters } from "./export-filters.ts";
import {
  type ArticleExport,
  EXPORT_SCHEMA_VERSION,
  type ExportedAnnotation,
  type ExportedArticle,
  type ExportedEvidence,
} from "./export-types.ts";
import { toRfc3986 } from "./json-schema-formats.ts";

/** How many annotations (with their evidence, reviews and replies) one query reads. */
export const ANNOTATION_BATCH_SIZE = 200;

/** The article columns an export reads (never the Yjs state or the ProseMirror snapshot). */
export const EXPORT_ARTICLE_SELECT = {
  id: true,
  title: true,
  byline: true,
  sourceUrl: true,
  publishedAt: true,
  language: true,
  format: true,
  archivedAt: true,
  createdAt: true,
  text: true,
} as const satisfies Prisma.ArticleSelect;

export type ExportArticleRow = Prisma.ArticleGetPayload<{ select: typeof EXPORT_ARTICLE_SELECT }>;

const USER_REF = { select: { id: true, name: true } } as const;

const EXPORT_ANNOTATION_INCLUDE = {
  author: USER_REF,
  evidence: {
    where: { deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      addedBy: USER_REF,
      targetAnnotation: { select: { id: true, articleId: true, deletedAt: true, status: true } },
      targetArticle: { select: { id: true, deletedAt: true } },
    },
  },
  reviews: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { moderator: USER_REF } },
  replies: {
    where: { deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { author: USER_REF },
  },
} as const satisfies Prisma.AnnotationInclude;

type AnnotationExportRow = Prisma.AnnotationGetPayload<{ include: typeof EXPORT_ANNOTATION_INCLUDE }>;
type EvidenceExportRow = AnnotationExportRow["evidence"][number];

function uri(value: string | null): string | null {
  return value === null ? null : toRfc3986(value);
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

function toExportedEvidence(row: EvidenceExportRow): ExportedEvidence {
  const internal = row.url === null;
  const targetAnnotationId = row.targetAnnotationId;
  const targetArticleId = row.targetArticleId ?? row.targetAnnotation?.articleId ?? null;
  // An internal target is gone when its row was deleted (the key was set to null) or soft-deleted.
  const removed =
    internal &&
    ((targetAnnotationId === null && row.targetArticleId === null) ||
      Boolean(row.targetAnnotation?.deletedAt) ||
      Boolean(row.targetArticle?.deletedAt));
  return {
    id: row.id,
    relation: evidenceRelationName(row.relation),
    kind: internal ? "internal" : "external",
    url: uri(row.url),
    title: row.title,
    publisher: row.publisher,
    quote: row.quote,
    accessedAt: iso(row.accessedAt),
    archivedUrl: uri(row.archivedUrl),
    targetAnnotationId,
    targetArticleId,
    removed,
    note: row.note,
    addedBy: { id: row.addedBy.id, name: row.addedBy.name },
    createdAt: row.createdAt.toISOString(),
  };
}

function toExportedAnnotation(row: AnnotationExportRow, filters: ExportFilters): ExportedAnnotation {
  return {
    id: row.id,
    label: labelName(row.label),
    status: statusName(row.status),
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    start: row.start,
    end: row.end,
    note: row.note,
    author: { id: row.author.id, name: row.author.name },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    orphaned: row.orphaned,
    importedFromId: row.importedFromId,
    // Evidence citing an annotation the exporter may not see (pending or rejected, for a viewer)
    // is left out, so an export never reveals that such an annotation exists.
    evidence: row.evidence
      .filter((item) => !item.targetAnnotation || filters.visible.includes(item.targetAnnotation.status))
      .map(toExportedEvidence),
    reviews: row.reviews.map((review) => ({
      id: review.id,
      decision: review.decision.toLowerCase() as "approve" | "reject" | "relabel",
      fromLabel: review.fromLabel ? labelName(review.fromLabel) : null,
      toLabel: review.toLabel ? labelName(review.toLabel) : null,
      reason: review.reason,
      moderator: { id: review.moderator.id, name: review.moderator.name },
      createdAt: review.createdAt.toISOString(),
    })),
    replies: row.replies.map((reply) => ({
      id: reply.id,
      body: reply.body,
      author: { id: reply.author.id, name: reply.author.name },
      createdAt: reply.createdAt.toISOString(),
      editedAt: iso(reply.editedAt),
    })),
  };
}

/**
 * Reads an article's annotations that pass the filters, in text order, a batch at a time
 * (keyset pagination on (start, id)), so no query returns more than ANNOTATION_BATCH_SIZE rows.
 */
export async function* streamArticleAnnotations(
  articleId: string,
  filters: ExportFilters,
  batchSize = ANNOTATION_BATCH_SIZE,
): AsyncGenerator<ExportedAnnotation> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.annotation.findMany({
      where: { articleId, ...annotationWhere(filters) },
      include: EXPORT_ANNOTATION_INCLUDE,
      orderBy: [{ start: "asc" }, { id: "asc" }],
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const row of rows) yield toExportedAnnotation(row, filters);
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

/** Maps an article row to the export's article object. */
export function toExportedArticle(row: ExportArticleRow): ExportedArticle {
  return {
    id: row.id,
    title: row.title,
    byline: row.byline,
    sourceUrl: uri(row.sourceUrl),
    publishedAt: iso(row.publishedAt),
    language: row.language,
    format: row.format.toLowerCase() as ExportedArticle["format"],
    archived: row.archivedAt !== null,
    createdAt: row.createdAt.toISOString(),
    text: row.text,
  };
}

/** Builds the `json` export object of one article (no access check: callers check). */
export async function buildArticleExport(
  article: ExportArticleRow,
  team: { id: string; slug: string; name: string },
  filters: ExportFilters,
  exportedAt: Date,
): Promise<ArticleExport> {
  const annotations: ExportedAnnotation[] = [];
  for await (const annotation of streamArticleAnnotations(article.id, filters)) annotations.push(annotation);
  return {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt: exportedAt.toISOString(),
    team,
    article: toExportedArticle(article),
    annotations,
  };
}
