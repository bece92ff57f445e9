import { getArticleHeaderAccessOrThrow } from "../articles/get-article.ts";
import type { ArticleTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import { assertCan } from "../teams/access.ts";
import { annotationViewerOf } from "./annotation-visibility.ts";
import { countRoundAnnotations, ROUND_SELECT, type RoundJson, toRoundJson } from "./round-json.ts";

/**
 * An article's blind rounds, newest first, each with the progress the actor may see.
 * @throws AppError not_found | forbidden (token without read)
 */
export async function listRounds({ actor, articleId }: ArticleTarget): Promise<RoundJson[]> {
  const { article, access } = await getArticleHeaderAccessOrThrow(actor, articleId);
  assertCan(access, "team.read");
  const rows = await db.round.findMany({
    where: { articleId: article.id },
    orderBy: { createdAt: "desc" },
    select: ROUND_SELECT,
  });
  const counts = await countRoundAnnotations(
    db,
    rows.map((row) => row.id),
  );
  const viewer = annotationViewerOf(access);
  return rows.map((row) => toRoundJson(row, viewer, counts));
}
