/** An article as the API returns it (`text` only in the single-article form). */
export interface ArticleJson {
  id: string;
  team: string;
  title: string;
  byline: string | null;
  sourceUrl: string | null;
  publishedAt: string | null;
  language: string | null;
  format: "text" | "html" | "markdown";
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
  format: "TEXT" | "HTML" | "MARKDOWN";
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
    importedBy: { id: row.importedBy.id, name: row.importedBy.name },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    ...(options.withText ? { text: row.text ?? "" } : {}),
  };
}
