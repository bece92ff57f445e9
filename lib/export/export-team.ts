import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { requireTeamAction } from "../teams/access.ts";
import { type ExportFormat, ZTeamExportQuery } from "../validation/export.ts";
import { CONTENT_TYPES, type ExportDownload, exportFilename, streamChunks } from "./export-download.ts";
import { annotationWhere, type ExportFilters, resolveExportFilters } from "./export-filters.ts";
import type { ArticleExport } from "./export-types.ts";
import { buildArticleExport, EXPORT_ARTICLE_SELECT, type ExportArticleRow } from "./load-article-export.ts";
import { exportIris, toW3cAnnotations, W3C_CONTEXT } from "./to-w3c.ts";

/** How many articles one query reads during a team export. */
export const ARTICLE_BATCH_SIZE = 20;

export type ExportTeam = { id: string; slug: string; name: string };

function articleWhere(team: ExportTeam, filters: ExportFilters): Prisma.ArticleWhereInput {
  return {
    teamId: team.id,
    deletedAt: null,
    // Narrowed exports leave out articles with no matching annotation; a full export keeps all.
    ...(filters.narrowed ? { annotations: { some: annotationWhere(filters) } } : {}),
  };
}

/** Reads the team's articles oldest first, a batch at a time (keyset on createdAt, id), each with its annotations. */
export async function* streamArticleExports(
  team: ExportTeam,
  filters: ExportFilters,
  exportedAt: Date,
  batchSize = ARTICLE_BATCH_SIZE,
): AsyncGenerator<ArticleExport> {
  let cursor: string | undefined;
  for (;;) {
    const rows: ExportArticleRow[] = await db.article.findMany({
      where: articleWhere(team, filters),
      select: EXPORT_ARTICLE_SELECT,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const row of rows) yield buildArticleExport(row, team, filters, exportedAt);
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

async function* jsonArrayChunks(articles: AsyncGenerator<ArticleExport>): AsyncGenerator<string> {
  yield "[";
  let first = true;
  for await (const article of articles) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(article)}`;
    first = false;
  }
  yield "\n]\n";
}

async function* ndjsonChunks(articles: AsyncGenerator<ArticleExport>): AsyncGenerator<string> {
  for await (const article of articles) yield `${JSON.stringify(article)}\n`;
}

async function* w3cChunks(
  articles: AsyncGenerator<ArticleExport>,
  team: ExportTeam,
  baseUrl: string,
): AsyncGenerator<string> {
  const id = `${exportIris(baseUrl).team(team.slug)}/export?format=w3c`;
  // `total` is left out: it is not known until the stream ends.
  const head = JSON.stringify({
    "@context": W3C_CONTEXT,
    id,
    type: "AnnotationCollection",
    label: `${team.name}: annotations`,
    first: { id: `${id}#page1`, type: "AnnotationPage", startIndex: 0, items: [] },
  });
  const open = head.slice(0, -"[]}}".length);
  yield `${open}[`;
  let first = true;
  for await (const article of articles) {
    for (const annotation of toW3cAnnotations(article, baseUrl)) {
      yield `${first ? "\n" : ",\n"}${JSON.stringify(annotation)}`;
      first = false;
    }
  }
  yield "\n]}}\n";
}

/**
 * Exports a team's articles and annotations, streamed: `json` (an array of article exports),
 * `ndjson` (one article export per line) or `w3c` (one AnnotationCollection). Access is checked
 * before the stream starts; the stream reads the database in batches so memory stays flat.
 * @throws AppError not_found (not the actor's team) | forbidden | invalid_input
 */
export async function exportTeam({
  actor,
  teamSlug,
  query,
  baseUrl,
  now = new Date(),
}: {
  actor: Actor;
  teamSlug: string;
  query: unknown;
  baseUrl: string;
  now?: Date;
}): Promise<ExportDownload> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "export");
  const parsed = ZTeamExportQuery.parse(query);
  const filters = resolveExportFilters(access, parsed);
  const team = access.team;
  const articleCount = await db.article.count({ where: articleWhere(team, filters) });
  const articles = streamArticleExports(team, filters, now);
  const format: ExportFormat = parsed.format;
  const chunks =
    format === "ndjson"
      ? ndjsonChunks(articles)
      : format === "w3c"
        ? w3cChunks(articles, team, baseUrl)
        : jsonArrayChunks(articles);
  return {
    filename: exportFilename(team.slug, format, now),
    contentType: CONTENT_TYPES[format],
    body: streamChunks(chunks),
    articleCount,
  };
}
