import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { IN_DISAGREEMENT_SQL } from "../moderation/find-disagreements.ts";
import { annotationViewerOf, visibleAnnotationSql } from "../rounds/annotation-visibility.ts";
import { requireTeamAction } from "../teams/access.ts";

/** How far along an article's annotation is, for the article list. */
export interface ArticleAnnotationCounts {
  /** Live annotations (highlights) on the article, whatever their status. */
  tagged: number;
  /** Of those, awaiting review. */
  pending: number;
  /** Of those, in disagreement: overlapping another annotator's tag with a different label. */
  inDisagreement: number;
}

/**
 * Counts each listed article's live annotations: all, pending, and in disagreement (the review
 * queue's definition, `IN_DISAGREEMENT_SQL`). Only the actor's team's annotations are counted (an id
 * of another team's article counts zero). Every member may read these figures.
 * @throws AppError not_found | forbidden
 */
export async function countArticleAnnotations({
  actor,
  teamSlug,
  articleIds,
}: {
  actor: Actor;
  teamSlug: string;
  articleIds: string[];
}): Promise<Map<string, ArticleAnnotationCounts>> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.read");
  const counts = new Map<string, ArticleAnnotationCounts>();
  if (articleIds.length === 0) return counts;
  const rows = await db.$queryRaw<{ articleId: string; tagged: number; pending: number; disputed: number }[]>`
    SELECT a."articleId"::text AS "articleId",
      count(*)::int AS tagged,
      count(*) FILTER (WHERE a.status = 'PENDING')::int AS pending,
      count(*) FILTER (WHERE ${IN_DISAGREEMENT_SQL})::int AS disputed
    FROM "Annotation" a
    WHERE a."teamId" = ${access.team.id}::uuid
      AND a."articleId" = ANY(${articleIds}::uuid[])
      AND a."deletedAt" IS NULL
      AND ${visibleAnnotationSql(annotationViewerOf(access))}
    GROUP BY a."articleId"`;
  for (const id of articleIds) counts.set(id, { tagged: 0, pending: 0, inDisagreement: 0 });
  for (const row of rows) {
    counts.set(row.articleId, { tagged: row.tagged, pending: row.pending, inDisagreement: row.disputed });
  }
  return counts;
}
