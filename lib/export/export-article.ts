import { getArticleAccessOrThrow } from "../articles/get-article.ts";
import type { Actor } from "../auth/actor.ts";
import { assertCan } from "../teams/access.ts";
import { ZArticleExportQuery } from "../validation/export.ts";
import { CONTENT_TYPES, type ExportDownload, exportFilename } from "./export-download.ts";
import { resolveExportFilters } from "./export-filters.ts";
import { buildArticleExport, EXPORT_ARTICLE_SELECT, type toExportedArticle } from "./load-article-export.ts";
import { loadArticleClaimReviews } from "./load-claim-reviews.ts";
import { toW3cArticleCollection } from "./to-w3c.ts";

/**
 * Exports one article with its annotations as `json` (schemas/export.schema.json), `w3c`
 * (an AnnotationCollection) or `claimreview` (a JSON-LD array of schema.org ClaimReview, one per
 * approved fact with a verdict). Members of its team (tokens need `export`); pending and rejected
 * annotations only for moderators and admins (tokens also need `review`).
 * @throws AppError not_found (not the actor's team) | forbidden | invalid_input
 */
export async function exportArticle({
  actor,
  articleId,
  query,
  baseUrl,
  now = new Date(),
}: {
  actor: Actor;
  articleId: string;
  query: unknown;
  baseUrl: string;
  now?: Date;
}): Promise<ExportDownload> {
  const { article, access } = await getArticleAccessOrThrow(actor, articleId);
  assertCan(access, "export");
  const parsed = ZArticleExportQuery.parse(query);
  if (parsed.format === "claimreview") {
    const reviews = await loadArticleClaimReviews(access.team, article.id, baseUrl);
    return {
      filename: exportFilename(access.team.slug, parsed.format, now, `article-${article.id.slice(0, 8)}`),
      contentType: CONTENT_TYPES.claimreview,
      body: JSON.stringify(reviews),
      articleCount: 1,
    };
  }
  const filters = resolveExportFilters(access, parsed);
  const row = Object.fromEntries(
    Object.keys(EXPORT_ARTICLE_SELECT).map((key) => [key, article[key as keyof typeof article]]),
  ) as Parameters<typeof toExportedArticle>[0];
  const exported = await buildArticleExport(row, access.team, filters, now);
  const body =
    parsed.format === "w3c" ? toW3cArticleCollection(exported, baseUrl) : (exported as unknown as object);
  return {
    filename: exportFilename(access.team.slug, parsed.format, now, `article-${article.id.slice(0, 8)}`),
    contentType: CONTENT_TYPES[parsed.format],
    body: JSON.stringify(body),
    articleCount: 1,
  };
}
