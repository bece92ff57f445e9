/** An article as the API returns it (`text` only in the single-article form). */
export interface ArticleJson {
  id: string;
  team: string;
  title: string;
  byline: string | null;
  sourceUrl: string | null;
  publishedAt: string | null;
  language: string | null;
  format: "text" | "html" | "markdown" | "url" | "pdf";
  /** The URL the body was fetched from (format `url`), beside the canonical `sourceUrl`. */
  fetchedUrl: string | null;
  /** When the source was last fetched (format `url`). */
  sourceFetchedAt: string | null;
  importedBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  text?: string;
}

interface ArticleRow {
  id: string;
  title: string;
  byline: string | null;
  sourceUrl: string | null;
  publishedAt: Date | null;
  language: string | null;
  format: "TEXT" | "HTML" | "MARKDOWN" | "URL" | "PDF";
  fetchedUrl?: string | null;
  sourceFetchedAt?: Date | null;
  importedBy: { id: string; name: string };
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
  text?: string;
}

/** Maps an article row to its API form. */
export function toArticleJson(
  row: ArticleRow,
  teamSlug: string,
  options: { withText?: boolean } = {},
): ArticleJson {
  return {
    id: row.id,
    team: teamSlug,
    title: row.title,
    byline: row.byline,
    sourceUrl: row.sourceUrl,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    language: row.language,
    format: row.format.toLowerCase() as ArticleJson["format"],
    fetchedUrl: row.fetchedUrl ?? null,
    sourceFetchedAt: row.sourceFetchedAt?.toISOString() ?? null,
    importedBy: { id: row.importedBy.id, name: row.importedBy.name },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    ...(options.withText ? { text: row.text ?? "" } : {}),
  };
}
