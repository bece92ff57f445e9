import { getArticleHeaderAccessOrThrow } from "../articles/get-article.ts";
import type { Actor } from "../auth/actor.ts";
import { PREPARED } from "../db/prepared-statements.ts";
import { db } from "../db.ts";
import type { Label } from "../generated/prisma/enums.ts";
import { annotationViewerOf, visibleAnnotationSql } from "../rounds/annotation-visibility.ts";
import { assertCan } from "../teams/access.ts";
import { type LabelName, labelName } from "../validation/annotations.ts";

/** A highlight to paint on a stored snapshot of the body: offsets into that snapshot's plain text. */
export interface HighlightSpan {
  id: string;
  label: LabelName;
  start: number;
  end: number;
}

/**
 * How many highlights, at most, the server paints (the first in document order). Every highlight
 * adds about 300 bytes to the page twice (its HTML and React's copy of it); on an article with
 * thousands of them, painting all would delay the live editor, which brings the rest about a
 * second later anyway. 250 cover any article most people annotate, and the first several screens
 * of the most annotated ones (2,000 highlights on 20,000 words: the first 2,500 words).
 */
export const SERVER_PAINTED_HIGHLIGHTS = 250;

/**
 * The highlights to paint on the server-rendered article body before the live document arrives:
 * the first SERVER_PAINTED_HIGHLIGHTS live, anchored annotations in document order whose stored
 * place still holds its quote in `text`, the plain text of the snapshot being rendered
 * (Article.text, read together with Article.contentJson).
 * A correction is stored a few seconds after it is typed, and an annotation made on the newer
 * live text in that window does not match the older snapshot: it is left out here and painted
 * when the live document arrives, never painted in the wrong place. Orphaned and deleted
 * annotations are never painted (the live view does not paint them either).
 * @throws AppError not_found
 */
export async function listHighlightSpans({
  actor,
  articleId,
  text,
}: {
  actor: Actor;
  articleId: string;
  text: string;
}): Promise<HighlightSpan[]> {
  const { article, access } = await getArticleHeaderAccessOrThrow(actor, articleId);
  assertCan(access, "team.read");
  // Document order, an enclosing highlight before the ones inside it (as the live view nests them).
  const rows = await db.$queryRaw<
    { id: string; label: Label; start: number; end: number; quote: string }[]
  >`${PREPARED}
    SELECT a.id::text AS id, a.label, a.start, a."end", a.quote
    FROM "Annotation" a
    WHERE a."articleId" = ${article.id}::uuid AND a."deletedAt" IS NULL AND NOT a.orphaned
      AND ${visibleAnnotationSql(annotationViewerOf(access))}
    ORDER BY a.start ASC, a."end" DESC, a.id ASC
    LIMIT ${SERVER_PAINTED_HIGHLIGHTS}`;
  const spans: HighlightSpan[] = [];
  for (const row of rows) {
    if (row.end <= row.start || text.slice(row.start, row.end) !== row.quote) continue;
    spans.push({ id: row.id, label: labelName(row.label), start: row.start, end: row.end });
  }
  return spans;
}
