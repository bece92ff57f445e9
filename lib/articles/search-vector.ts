import type { Tx } from "../db.ts";
import { searchConfigFor } from "./language.ts";

/**
 * The text-search configuration of articles that have no language (English stemming: "airstrike"
 * finds "airstrikes"). Every article carries its own configuration in `Article.searchConfig`.
 */
export const SEARCH_CONFIG = "english";

/**
 * Recomputes an article's stored search vector from its title (weight A) and plain text (weight B)
 * with the article's own text-search configuration (`Article.searchConfig`).
 */
export async function updateSearchVector(tx: Tx, articleId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "Article" SET "searchVector" =
    setweight(to_tsvector("searchConfig", coalesce(title, '')), 'A') ||
    setweight(to_tsvector("searchConfig", coalesce(text, '')), 'B')
    WHERE id = ${articleId}::uuid`;
}

/**
 * Sets the article's text-search configuration from its language (`simple` when PostgreSQL has
 * none for it) and recomputes its search vector.
 */
export async function updateSearchLanguage(
  tx: Tx,
  articleId: string,
  language: string | null,
): Promise<void> {
  const config = searchConfigFor(language);
  await tx.$executeRaw`UPDATE "Article" SET "searchConfig" =
    coalesce((SELECT c.oid::regconfig FROM pg_ts_config c WHERE c.cfgname = ${config} LIMIT 1), 'simple'::regconfig)
    WHERE id = ${articleId}::uuid`;
  await updateSearchVector(tx, articleId);
}
