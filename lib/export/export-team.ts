import type { TeamQuery } from "../auth/actor.ts";
import { db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { requireTeamAction } from "../teams/access.ts";
import { type ExportFormat, ZTeamExportQuery } from "../validation/export.ts";
import {
  CLAIMREVIEW_NDJSON_CONTENT_TYPE,
  CONTENT_TYPES,
  type ExportDownload,
  exportFilename,
  streamChunks,
} from "./export-download.ts";
import { annotationFilterSql, type ExportFilters, resolveExportFilters } from "./export-filters.ts";
import type { ExportedAnnotation } from "./export-types.ts";
import {
  ANNOTATION_BATCH_SIZE,
  type ArticleExportPart,
  type ExportArticleRow,
  streamArticlePageParts,
  toArticleExport,
} from "./load-article-export.ts";
import { streamTeamClaimReviews } from "./load-claim-reviews.ts";
import { codePointConverter, exportIris, toW3cAnnotation, W3C_CONTEXT } from "./to-w3c.ts";

/** How many articles one query reads during a team export (their annotations are read in batches). */
export const ARTICLE_BATCH_SIZE = 20;

export type ExportTeam = { id: string; slug: string; name: string };

/** Page sizes of a team export (tests use small ones to cross page boundaries). */
export interface ExportBatchSizes {
  articles?: number;
  annotations?: number;
}

/** The team's live articles; narrowed exports leave out articles with no matching annotation. */
function articleConditionSql(team: ExportTeam, filters: ExportFilters): Prisma.Sql {
  const narrowed = filters.narrowed
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Annotation" a WHERE a."articleId" = ar.id AND ${annotationFilterSql(filters)})`
    : Prisma.empty;
  return Prisma.sql`ar."teamId" = ${team.id}::uuid AND ar."deletedAt" IS NULL ${narrowed}`;
}

function readArticlePage(
  team: ExportTeam,
  filters: ExportFilters,
  after: { createdAt: Date; id: string } | null,
  limit: number,
): Promise<ExportArticleRow[]> {
  const keyset = after
    ? Prisma.sql`AND (ar."createdAt", ar.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`
    : Prisma.empty;
  return db.$queryRaw<ExportArticleRow[]>`
    SELECT ar.id::text AS id, ar.title, ar.byline, ar."sourceUrl", ar."publishedAt", ar.language,
           ar.format::text AS format, ar."archivedAt", ar."createdAt", ar.text
    FROM "Article" ar
    WHERE ${articleConditionSql(team, filters)} ${keyset}
    ORDER BY ar."createdAt", ar.id
    LIMIT ${limit}`;
}

/**
 * Streams the team's articles oldest first (keyset pages on (createdAt, id)), each as one or more
 * parts carrying its annotations in text order. Reads the next page only when the consumer has
 * taken every part of the previous one.
 */
export async function* streamTeamExportParts(
  team: ExportTeam,
  filters: ExportFilters,
  sizes: ExportBatchSizes = {},
): AsyncGenerator<ArticleExportPart> {
  const pageSize = sizes.articles ?? ARTICLE_BATCH_SIZE;
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    // One row more than the page tells whether another page follows (no empty last query).
    const page = await readArticlePage(team, filters, after, pageSize + 1);
    const more = page.length > pageSize;
    if (more) page.pop();
    yield* streamArticlePageParts(page, filters, sizes.annotations ?? ANNOTATION_BATCH_SIZE);
    if (!more) return;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

/**
 * Writes each article's `json` object from its parts: the object is opened with the article
 * (`annotations` is its last key), its annotations follow part by part, and the last part closes
 * it. The text is exactly JSON.stringify of the whole object. One chunk per part.
 */
async function* articleObjectChunks(
  parts: AsyncIterable<ArticleExportPart>,
  team: ExportTeam,
  exportedAt: string,
  format: "json" | "ndjson",
): AsyncGenerator<string> {
  if (format === "json") yield "[";
  let articles = 0;
  let written = 0;
  for await (const part of parts) {
    let chunk = "";
    if (part.first) {
      if (format === "json") chunk += articles === 0 ? "\n" : ",\n";
      chunk += JSON.stringify(toArticleExport(part.article, team, exportedAt, [])).slice(0, -"]}".length);
      articles++;
      written = 0;
    }
    if (part.annotations.length > 0) {
      // The annotations come as JSON texts (load-article-export.ts): joined, never parsed.
      chunk += `${written > 0 ? "," : ""}${part.annotations.join(",")}`;
      written += part.annotations.length;
    }
    if (part.last) chunk += format === "json" ? "]}" : "]}\n";
    yield chunk;
  }
  if (format === "json") yield "\n]\n";
}

async function* w3cChunks(
  parts: AsyncIterable<ArticleExportPart>,
  team: ExportTeam,
  baseUrl: string,
): AsyncGenerator<string> {
  const iris = exportIris(baseUrl);
  const id = `${iris.team(team.slug)}/export?format=w3c`;
  // `total` is left out: it is not known until the stream ends.
  const head = JSON.stringify({
    "@context": W3C_CONTEXT,
    id,
    type: "AnnotationCollection",
    label: `${team.name}: annotations`,
    first: { id: `${id}#page1`, type: "AnnotationPage", startIndex: 0, items: [] },
  });
  yield `${head.slice(0, -"[]}}".length)}[`;
  let first = true;
  let toCodePoint: (offset: number) => number = (offset) => offset;
  for await (const part of parts) {
    if (part.first) toCodePoint = codePointConverter(part.article.text);
    if (part.annotations.length === 0) continue;
    let chunk = "";
    for (const json of part.annotations) {
      const annotation = JSON.parse(json) as ExportedAnnotation;
      chunk += `${first ? "\n" : ",\n"}${JSON.stringify(toW3cAnnotation(annotation, part.article, iris, toCodePoint))}`;
      first = false;
    }
    yield chunk;
  }
  yield "\n]}}\n";
}

/**
 * Exports a team's articles and annotations, streamed: `json` (an array of article exports),
 * `ndjson` (one article export per line) or `w3c` (one AnnotationCollection). Access is checked
 * before the stream starts; the stream reads the database in batches, only as fast as the client
 * downloads, so memory stays flat.
 * @throws AppError not_found (not the actor's team) | forbidden | invalid_input
 */
export async function exportTeam({
  actor,
  teamSlug,
  query,
  baseUrl,
  now = new Date(),
  sizes,
}: TeamQuery & {
  baseUrl: string;
  now?: Date;
  sizes?: ExportBatchSizes;
}): Promise<ExportDownload> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "export");
  const parsed = ZTeamExportQuery.parse(query);
  const team = access.team;
  if (parsed.format === "claimreview") {
    // Verdicts exist only on approved facts, which every member may see: no status filter applies.
    const [{ count }] = await db.$queryRaw<[{ count: number }]>`
      SELECT count(DISTINCT a."articleId")::int AS count FROM "Verdict" v
      JOIN "Annotation" a ON a.id = v."annotationId" AND a."deletedAt" IS NULL
      JOIN "Article" ar ON ar.id = a."articleId" AND ar."deletedAt" IS NULL
      WHERE v."teamId" = ${team.id}::uuid`;
    return {
      filename: exportFilename(team.slug, "claimreview", now).replace(/\.jsonld$/, ".ndjson"),
      contentType: CLAIMREVIEW_NDJSON_CONTENT_TYPE,
      body: streamChunks(streamTeamClaimReviews(team, baseUrl, parsed.since)),
      articleCount: count,
    };
  }
  const filters = resolveExportFilters(access, parsed);
  const [{ count }] = await db.$queryRaw<[{ count: number }]>`
    SELECT count(*)::int AS count FROM "Article" ar WHERE ${articleConditionSql(team, filters)}`;
  const parts = streamTeamExportParts(team, filters, sizes);
  const format: Exclude<ExportFormat, "claimreview"> = parsed.format;
  const chunks =
    format === "w3c"
      ? w3cChunks(parts, team, baseUrl)
      : articleObjectChunks(parts, team, now.toISOString(), format);
  return {
    filename: exportFilename(team.slug, format, now),
    contentType: CONTENT_TYPES[format],
    body: streamChunks(chunks),
    articleCount: count,
  };
}
