// Over 400 lines: the batched export reader: one query per relation over a batch, and the mapping of each.
import { PREPARED } from "../db/prepared-statements.ts";
import { db, queryRows } from "../db.ts";
import type { EvidenceSourceJson } from "../evidence/evidence-json.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { EvidenceRelation, Label, ReviewDecision } from "../generated/prisma/enums.ts";
import { labelName } from "../validation/annotations.ts";
import { evidenceRelationName } from "../validation/evidence.ts";
import { annotationFilterSql, type ExportFilters } from "./export-filters.ts";
import {
  type ArticleExport,
  EXPORT_SCHEMA_VERSION,
  type ExportedAnnotation,
  type ExportedArticle,
  type ExportedEvidence,
  type ExportedReply,
  type ExportedReview,
  type ExportedSnapshot,
  type ExportedVerdict,
} from "./export-types.ts";
import { toRfc3986 } from "./json-schema-formats.ts";

// The one loader of exported annotations, for one article and for a whole team alike: a batch
// of annotations is one query (a prepared statement read straight through pg), and its evidence,
// reviews and replies one query each over the ids of the batch's annotations that have any
// (never a query per article or per annotation; tests/integration/export-batching.test.ts bounds
// the count). Each annotation comes out as its JSON text: PostgreSQL writes the scalar keys, the
// mapping below adds the rare parts (round, relations, verdict), and the writers join the texts.

/** How many annotations (with their evidence, reviews and replies) one batch reads at most. */
export const ANNOTATION_BATCH_SIZE = 1000;

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

/**
 * A run of one article's annotations in text order, as an export streams it. An article comes as
 * one part, or as consecutive parts when its annotations span batches: the first part has
 * `first`, the last `last`; an article without (matching) annotations is one part with both.
 */
export interface ArticleExportPart {
  article: ExportedArticle;
  /** Each annotation as its JSON text: exactly `JSON.stringify` of its ExportedAnnotation. */
  annotations: string[];
  first: boolean;
  last: boolean;
}

interface AnnotationRow {
  position: number;
  id: string;
  start: number;
  /** The JSON object of the annotation's keys from `id` to `importedFromId`, built by PostgreSQL. */
  head: string;
  /** Whether it has live evidence, reviews, live replies (each relation is read only for those that do). */
  hasEvidence: boolean;
  hasReviews: boolean;
  hasReplies: boolean;
  roundId: string | null;
  roundSubmittedAt: string | null;
  verdictId: string | null;
  verdictRatingLabel: string | null;
  verdictRatingValue: number | null;
  verdictConclusion: string | null;
  verdictEvidenceIds: string[] | null;
  verdictAuthorId: string | null;
  verdictAuthorName: string | null;
  verdictCreatedAt: string | null;
  verdictUpdatedAt: string | null;
}

/** An annotation row from pg's array of columns, in the order of readAnnotationRows's SELECT. */
function toAnnotationRow(c: unknown[]): AnnotationRow {
  return {
    position: c[0],
    id: c[1],
    start: c[2],
    head: c[3],
    hasEvidence: c[4],
    hasReviews: c[5],
    hasReplies: c[6],
    roundId: c[7],
    roundSubmittedAt: c[8],
    verdictId: c[9],
    verdictRatingLabel: c[10],
    verdictRatingValue: c[11],
    verdictConclusion: c[12],
    verdictEvidenceIds: c[13],
    verdictAuthorId: c[14],
    verdictAuthorName: c[15],
    verdictCreatedAt: c[16],
    verdictUpdatedAt: c[17],
  } as AnnotationRow;
}

interface EvidenceRow extends EvidenceSourceJson {
  annotationId: string;
  id: string;
  relation: EvidenceRelation;
  targetAnnotationId: string | null;
  targetArticleId: string | null;
  removed: boolean;
  note: string | null;
  addedById: string;
  addedByName: string;
  createdAt: string;
  snapshotState: string | null;
  snapshotFetchedAt: string | null;
  snapshotSha256: string | null;
  snapshotHttpStatus: number | null;
  snapshotFinalUrl: string | null;
  snapshotContentType: string | null;
  snapshotTitle: string | null;
  checkStatus: string | null;
  checkedAt: string | null;
  contentChanged: boolean | null;
}

interface ReviewRow {
  annotationId: string;
  id: string;
  decision: ReviewDecision;
  fromLabel: Label | null;
  toLabel: Label | null;
  reason: string | null;
  moderatorId: string;
  moderatorName: string;
  createdAt: string;
}

interface ReplyRow {
  annotationId: string;
  id: string;
  body: string;
  authorId: string;
  authorName: string;
  createdAt: string;
  editedAt: string | null;
}

function uri(value: string | null): string | null {
  return value === null ? null : toRfc3986(value);
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/**
 * A timestamp column as `Date.prototype.toISOString` writes it (UTC, milliseconds, `Z`),
 * formatted by PostgreSQL: no Date object per value. `column` is SQL text of this file, never input.
 */
function isoSql(column: string): Prisma.Sql {
  return Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
}

/** Where a batch continues: after this annotation of the page's article at `position`. */
interface BatchCursor {
  position: number;
  start: number;
  id: string;
}

/**
 * Annotations of `articleIds` that pass the filters, ordered by the articles' order in
 * `articleIds` (position, from 1), then text order (start, id); at most `limit`, after `cursor`.
 * PostgreSQL writes each annotation's scalar keys as JSON text (`head`: to_json escapes a string
 * as JSON.stringify does, as text holds no lone surrogates, the one case where they differ; the
 * labels, statuses and uuids need no escaping), so the rows are a few columns, not one per field;
 * the rare parts (round, verdict, relations) stay columns and flags that the mapping below adds.
 * Cheaper than row_to_json, which looks up each column's type for every row.
 */
async function readAnnotationRows(
  articleIds: string[],
  filters: ExportFilters,
  cursor: BatchCursor | null,
  limit: number,
): Promise<AnnotationRow[]> {
  const after = cursor
    ? Prisma.sql`AND page.position >= ${cursor.position} AND (page.position > ${cursor.position}
        OR (page.position = ${cursor.position} AND a.start >= ${cursor.start}
            AND (a.start, a.id) > (${cursor.start}, ${cursor.id}::uuid)))`
    : Prisma.empty;
  // Straight through pg, as a prepared statement: Prisma's mapping of each row cost more than
  // the query itself (bench/export.ts).
  const rows = await queryRows(Prisma.sql`${PREPARED}
    SELECT page.position::int AS position, a.id::text AS id, a.start,
           '{"id":"' || a.id::text || '","label":"' || lower(a.label::text) || '","status":"' || lower(a.status::text)
             || '","quote":' || to_json(a.quote)::text || ',"prefix":' || to_json(a.prefix)::text
             || ',"suffix":' || to_json(a.suffix)::text || ',"start":' || a.start::text || ',"end":' || a."end"::text
             || ',"note":' || coalesce(to_json(a.note)::text, 'null')
             || ',"author":{"id":"' || u.id::text || '","name":' || coalesce(to_json(u.name)::text, 'null')
             || '},"createdAt":"' || ${isoSql('a."createdAt"')} || '","updatedAt":"' || ${isoSql('a."updatedAt"')}
             || '","orphaned":' || a.orphaned::text || ',"importedFromId":' || coalesce(to_json(a."importedFromId")::text, 'null')
             || '}' AS head,
           EXISTS (SELECT 1 FROM "Evidence" e WHERE e."annotationId" = a.id AND e."deletedAt" IS NULL) AS "hasEvidence",
           EXISTS (SELECT 1 FROM "Review" r WHERE r."annotationId" = a.id) AS "hasReviews",
           EXISTS (SELECT 1 FROM "Reply" p WHERE p."annotationId" = a.id AND p."deletedAt" IS NULL) AS "hasReplies",
           a."roundId"::text AS "roundId",
           ${isoSql('ra."submittedAt"')} AS "roundSubmittedAt",
           v.id::text AS "verdictId", vr.label AS "verdictRatingLabel", vr.value AS "verdictRatingValue",
           v.conclusion AS "verdictConclusion", v."evidenceIds"::text[] AS "verdictEvidenceIds",
           vu.id::text AS "verdictAuthorId", vu.name AS "verdictAuthorName",
           ${isoSql('v."createdAt"')} AS "verdictCreatedAt", ${isoSql('v."updatedAt"')} AS "verdictUpdatedAt"
    FROM unnest(${articleIds}::uuid[]) WITH ORDINALITY AS page(id, position)
    JOIN "Annotation" a ON a."articleId" = page.id
    JOIN "User" u ON u.id = a."authorId"
    LEFT JOIN "RoundAssignment" ra ON ra."roundId" = a."roundId" AND ra."annotatorId" = a."authorId"
    LEFT JOIN "Verdict" v ON v."annotationId" = a.id
    LEFT JOIN "RatingScaleItem" vr ON vr.id = v."ratingId"
    LEFT JOIN "User" vu ON vu.id = v."authorId"
    WHERE ${annotationFilterSql(filters)} ${after}
    ORDER BY page.position, a.start, a.id
    LIMIT ${limit}`);
  return rows.map(toAnnotationRow);
}

/**
 * Live evidence of the annotations, oldest first, leaving out evidence that cites an annotation
 * the exporter may not see (pending or rejected, for a viewer): an export never reveals that such
 * an annotation exists. An internal target is `removed` when its row was deleted (the key was set
 * to null) or soft-deleted.
 */
function readEvidenceRows(annotationIds: string, filters: ExportFilters): Promise<EvidenceRow[]> {
  return db.$queryRaw<EvidenceRow[]>`
    SELECT e."annotationId"::text AS "annotationId", e.id::text AS id, e.relation::text AS relation,
           e.url, e.title, e.publisher, e.quote, ${isoSql('e."accessedAt"')} AS "accessedAt", e."archivedUrl",
           e."targetAnnotationId"::text AS "targetAnnotationId",
           coalesce(e."targetArticleId", ta."articleId")::text AS "targetArticleId",
           (e.url IS NULL AND (
              (e."targetAnnotationId" IS NULL AND e."targetArticleId" IS NULL)
              OR ta."deletedAt" IS NOT NULL OR tr."deletedAt" IS NOT NULL)) AS removed,
           e.note, u.id::text AS "addedById", u.name AS "addedByName", ${isoSql('e."createdAt"')} AS "createdAt",
           s.state::text AS "snapshotState", ${isoSql('s."fetchedAt"')} AS "snapshotFetchedAt",
           s.sha256 AS "snapshotSha256", s."httpStatus" AS "snapshotHttpStatus", s."finalUrl" AS "snapshotFinalUrl",
           s."contentType" AS "snapshotContentType", s.title AS "snapshotTitle",
           s."checkStatus"::text AS "checkStatus", ${isoSql('s."checkedAt"')} AS "checkedAt",
           s."contentChanged" AS "contentChanged"
    FROM "Evidence" e
    JOIN "User" u ON u.id = e."addedById"
    LEFT JOIN "EvidenceSnapshot" s ON s."evidenceId" = e.id
    -- LATERAL ... LIMIT 1: one index lookup per evidence row (a plain join may hash the whole table)
    LEFT JOIN LATERAL (
      SELECT t.id, t."articleId", t."deletedAt", t.status FROM "Annotation" t
      WHERE t.id = e."targetAnnotationId" LIMIT 1
    ) ta ON true
    LEFT JOIN LATERAL (
      SELECT t."deletedAt" FROM "Article" t WHERE t.id = e."targetArticleId" LIMIT 1
    ) tr ON true
    WHERE e."annotationId" = ANY(${annotationIds}::uuid[]) AND e."deletedAt" IS NULL
      AND (ta.id IS NULL OR ta.status = ANY(${filters.visible}::"AnnotationStatus"[]))
    ORDER BY e."createdAt", e.id`;
}

function readReviewRows(annotationIds: string): Promise<ReviewRow[]> {
  return db.$queryRaw<ReviewRow[]>`
    SELECT r."annotationId"::text AS "annotationId", r.id::text AS id, r.decision::text AS decision,
           r."fromLabel"::text AS "fromLabel", r."toLabel"::text AS "toLabel", r.reason,
           u.id::text AS "moderatorId", u.name AS "moderatorName", ${isoSql('r."createdAt"')} AS "createdAt"
    FROM "Review" r
    JOIN "User" u ON u.id = r."moderatorId"
    WHERE r."annotationId" = ANY(${annotationIds}::uuid[])
    ORDER BY r."createdAt", r.id`;
}

function readReplyRows(annotationIds: string): Promise<ReplyRow[]> {
  return db.$queryRaw<ReplyRow[]>`
    SELECT p."annotationId"::text AS "annotationId", p.id::text AS id, p.body,
           u.id::text AS "authorId", u.name AS "authorName", ${isoSql('p."createdAt"')} AS "createdAt",
           ${isoSql('p."editedAt"')} AS "editedAt"
    FROM "Reply" p
    JOIN "User" u ON u.id = p."authorId"
    WHERE p."annotationId" = ANY(${annotationIds}::uuid[]) AND p."deletedAt" IS NULL
    ORDER BY p."createdAt", p.id`;
}

/** The verdict columns of an annotation row, keeping only evidence ids the export carries. */
function toExportedVerdict(row: AnnotationRow, evidence: ExportedEvidence[]): ExportedVerdict | null {
  if (row.verdictId === null) return null;
  const exported = new Set(evidence.map((item) => item.id));
  return {
    id: row.verdictId,
    rating: { label: row.verdictRatingLabel!, value: row.verdictRatingValue },
    conclusion: row.verdictConclusion!,
    evidenceIds: (row.verdictEvidenceIds ?? []).filter((id) => exported.has(id)),
    author: { id: row.verdictAuthorId!, name: row.verdictAuthorName! },
    createdAt: row.verdictCreatedAt!,
    updatedAt: row.verdictUpdatedAt!,
  };
}

/** Groups rows by annotation id, keeping their order. */
function byAnnotation<Row extends { annotationId: string }, Item>(
  rows: Row[],
  map: (row: Row) => Item,
): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const row of rows) {
    const group = groups.get(row.annotationId);
    if (group) group.push(map(row));
    else groups.set(row.annotationId, [map(row)]);
  }
  return groups;
}

function toExportedEvidence(row: EvidenceRow): ExportedEvidence {
  return {
    id: row.id,
    relation: evidenceRelationName(row.relation),
    kind: row.url === null ? "internal" : "external",
    url: uri(row.url),
    title: row.title,
    publisher: row.publisher,
    quote: row.quote,
    accessedAt: row.accessedAt,
    archivedUrl: uri(row.archivedUrl),
    targetAnnotationId: row.targetAnnotationId,
    targetArticleId: row.targetArticleId,
    removed: row.removed,
    note: row.note,
    addedBy: { id: row.addedById, name: row.addedByName },
    createdAt: row.createdAt,
    ...(row.url === null ? {} : { snapshot: toExportedSnapshot(row) }),
  };
}

function toExportedSnapshot(row: EvidenceRow): ExportedSnapshot | null {
  if (row.snapshotState === null) return null;
  return {
    state: row.snapshotState.toLowerCase() as ExportedSnapshot["state"],
    fetchedAt: row.snapshotFetchedAt,
    sha256: row.snapshotSha256,
    httpStatus: row.snapshotHttpStatus,
    finalUrl: uri(row.snapshotFinalUrl),
    contentType: row.snapshotContentType,
    title: row.snapshotTitle,
    lastCheck:
      row.checkStatus && row.checkedAt
        ? {
            status: row.checkStatus.toLowerCase() as "ok" | "redirected" | "gone" | "error",
            checkedAt: row.checkedAt,
            changed: row.contentChanged === true,
          }
        : null,
  };
}

function toExportedReview(row: ReviewRow): ExportedReview {
  return {
    id: row.id,
    decision: row.decision.toLowerCase() as ExportedReview["decision"],
    fromLabel: row.fromLabel ? labelName(row.fromLabel) : null,
    toLabel: row.toLabel ? labelName(row.toLabel) : null,
    reason: row.reason,
    moderator: { id: row.moderatorId, name: row.moderatorName },
    createdAt: row.createdAt,
  };
}

function toExportedReply(row: ReplyRow): ExportedReply {
  return {
    id: row.id,
    body: row.body,
    author: { id: row.authorId, name: row.authorName },
    createdAt: row.createdAt,
    editedAt: row.editedAt,
  };
}

/**
 * The batch's ids of the annotations `has` picks, as one array literal (`{id,id,...}`, uuids
 * need no quoting; pg would build an array element by element), or null when there are none.
 */
function idsWhere(rows: AnnotationRow[], has: (row: AnnotationRow) => boolean): string | null {
  const ids = rows.filter(has).map((row) => row.id);
  return ids.length > 0 ? `{${ids.join(",")}}` : null;
}

const NO_RELATIONS = ',"evidence":[],"reviews":[],"replies":[]';

/**
 * Reads one batch of annotations (one query) and their relations (one query per relation that
 * some annotation of the batch has: evidence, reviews, replies), as JSON texts.
 */
async function readAnnotationBatch(
  articleIds: string[],
  filters: ExportFilters,
  cursor: BatchCursor | null,
  limit: number,
): Promise<{ rows: AnnotationRow[]; annotations: string[]; more: boolean }> {
  // One row more than the batch tells whether another batch follows (no empty last query).
  const rows = await readAnnotationRows(articleIds, filters, cursor, limit + 1);
  const more = rows.length > limit;
  if (more) rows.pop();
  if (rows.length === 0) return { rows, annotations: [], more };
  const evidenceIds = idsWhere(rows, (row) => row.hasEvidence);
  const reviewIds = idsWhere(rows, (row) => row.hasReviews);
  const replyIds = idsWhere(rows, (row) => row.hasReplies);
  const [evidenceRows, reviewRows, replyRows] = await Promise.all([
    evidenceIds ? readEvidenceRows(evidenceIds, filters) : [],
    reviewIds ? readReviewRows(reviewIds) : [],
    replyIds ? readReplyRows(replyIds) : [],
  ]);
  const evidence = byAnnotation(evidenceRows, toExportedEvidence);
  const reviews = byAnnotation(reviewRows, toExportedReview);
  const replies = byAnnotation(replyRows, toExportedReply);
  // The keys after `importedFromId`, in the format's order: round, evidence, reviews, replies, verdict.
  const annotations = rows.map((row) => {
    const head = row.head.slice(0, -1);
    const round = row.roundId
      ? `,"round":${JSON.stringify({ id: row.roundId, submittedAt: row.roundSubmittedAt })}`
      : "";
    const items = evidence.get(row.id) ?? [];
    const relations =
      row.hasEvidence || row.hasReviews || row.hasReplies
        ? `,"evidence":${JSON.stringify(items)},"reviews":${JSON.stringify(reviews.get(row.id) ?? [])},"replies":${JSON.stringify(replies.get(row.id) ?? [])}`
        : NO_RELATIONS;
    const verdict = toExportedVerdict(row, items);
    return `${head}${round}${relations}${verdict ? `,"verdict":${JSON.stringify(verdict)}` : ""}}`;
  });
  return { rows, annotations, more };
}

/**
 * Streams the export of a page of articles, in the page's order, each article's annotations in
 * text order: reads at most `batchSize` annotations (with their relations) at a time, and only
 * when the consumer asks for the next part, so memory is bounded by one batch whatever the size
 * of an article or of the page.
 */
export async function* streamArticlePageParts(
  articles: ExportArticleRow[],
  filters: ExportFilters,
  batchSize = ANNOTATION_BATCH_SIZE,
): AsyncGenerator<ArticleExportPart> {
  if (articles.length === 0) return;
  const ids = articles.map((article) => article.id);
  const exported = articles.map(toExportedArticle);
  // `next`: position (from 1) of the first article not yet started; `open`: an article whose
  // parts have started but whose last part is still to come (its annotations continue).
  let next = 1;
  let open = 0;
  let reading = readAnnotationBatch(ids, filters, null, batchSize);
  for (;;) {
    const { rows, annotations, more } = await reading;
    const complete = !more;
    // The page's next batch is read while this one's parts are written: PostgreSQL and this
    // process work at the same time, and at most two batches are held. Its error, if any, is
    // thrown when it is awaited below; a stream cancelled meanwhile never awaits it.
    let ahead: typeof reading | null = null;
    if (more) {
      const tail = rows[rows.length - 1]!;
      ahead = readAnnotationBatch(
        ids,
        filters,
        { position: tail.position, start: tail.start, id: tail.id },
        batchSize,
      );
      ahead.catch(() => {});
    }
    let from = 0;
    while (from < rows.length) {
      const position = rows[from]!.position;
      let to = from + 1;
      while (to < rows.length && rows[to]!.position === position) to++;
      if (open && open !== position) {
        yield { article: exported[open - 1]!, annotations: [], first: false, last: true };
        open = 0;
      }
      for (; next < position; next++) {
        yield { article: exported[next - 1]!, annotations: [], first: true, last: true };
      }
      // The batch's last article may continue in the next batch (unless this one was the last).
      const last = to < rows.length || complete;
      yield {
        article: exported[position - 1]!,
        annotations: annotations.slice(from, to),
        first: open !== position,
        last,
      };
      open = last ? 0 : position;
      next = position + 1;
      from = to;
    }
    if (!ahead) break;
    reading = ahead;
  }
  if (open) yield { article: exported[open - 1]!, annotations: [], first: false, last: true };
  for (; next <= exported.length; next++) {
    yield { article: exported[next - 1]!, annotations: [], first: true, last: true };
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

/** The `json` export object of one article with the given annotations (its key order is the format's). */
export function toArticleExport(
  article: ExportedArticle,
  team: { id: string; slug: string; name: string },
  exportedAt: string,
  annotations: ExportedAnnotation[],
): ArticleExport {
  return { schemaVersion: EXPORT_SCHEMA_VERSION, exportedAt, team, article, annotations };
}

/** Builds the `json` export object of one article (no access check: callers check). */
export async function buildArticleExport(
  article: ExportArticleRow,
  team: { id: string; slug: string; name: string },
  filters: ExportFilters,
  exportedAt: Date,
): Promise<ArticleExport> {
  const annotations: ExportedAnnotation[] = [];
  for await (const part of streamArticlePageParts([article], filters)) {
    for (const annotation of part.annotations) annotations.push(JSON.parse(annotation) as ExportedAnnotation);
  }
  return toArticleExport(toExportedArticle(article), team, exportedAt.toISOString(), annotations);
}
