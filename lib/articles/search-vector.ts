import type { Tx } from "../db.ts";

/** The text-search configuration of article search (English stemming: "airstrike" finds "airstrikes"). */
export const SEARCH_CONFIG = "english";

/** Recomputes an article's stored search vector from its title (weight A) and plain text (weight B). */
export async function updateSearchVector(tx: Tx, articleId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "Article" SET "searchVector" =
    setweight(to_tsvector(${SEARCH_CONFIG}::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector(${SEARCH_CONFIG}::regconfig, coalesce(text, '')), 'B')
    WHERE id = ${articleId}::uuid`;
}
