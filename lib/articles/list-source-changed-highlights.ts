import type { ArticleTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import { annotationViewerOf, visibleAnnotationWhere } from "../rounds/annotation-visibility.ts";
import { assertCan } from "../teams/access.ts";
import { getArticleAccessOrThrow } from "./get-article.ts";
import { SOURCE_CHANGED } from "./store-corrected-body.ts";

/** A highlight orphaned because the article's source changed its text. */
export interface SourceChangedHighlight {
  id: string;
  quote: string;
  label: string;
  author: { id: string; name: string };
}

/**
 * The article's highlights orphaned with reason `source_changed` (for the notice on the article).
 * @throws AppError not_found | forbidden
 */
export async function listSourceChangedHighlights({
  actor,
  articleId,
}: ArticleTarget): Promise<SourceChangedHighlight[]> {
  const { article, access } = await getArticleAccessOrThrow(actor, articleId);
  assertCan(access, "team.read");
  const rows = await db.annotation.findMany({
    where: {
      articleId: article.id,
      deletedAt: null,
      orphaned: true,
      orphanReason: SOURCE_CHANGED,
      ...visibleAnnotationWhere(annotationViewerOf(access)),
    },
    orderBy: { start: "asc" },
    take: 200,
    select: { id: true, quote: true, label: true, author: { select: { id: true, name: true } } },
  });
  return rows.map((row) => ({ ...row, label: row.label.toLowerCase() }));
}
