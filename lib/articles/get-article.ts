import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { notFound } from "../errors.ts";
import { assertCan, getTeamAccessOrThrow, type TeamAccess } from "../teams/access.ts";
import { ZUuid } from "../validation/articles.ts";
import { type ArticleJson, toArticleJson } from "./article-json.ts";

/**
 * Finds an article that the actor's teams hold (never one of another team: 404) and the
 * actor's access to its team.
 * @throws AppError not_found
 */
export async function getArticleAccessOrThrow(actor: Actor, articleId: string) {
  if (!ZUuid.safeParse(articleId).success) throw notFound("Article");
  const article = await db.article.findFirst({
    where: {
      id: articleId,
      deletedAt: null,
      team: { memberships: { some: { userId: actor.userId } } },
      ...(actor.kind === "token" ? { teamId: actor.teamId } : {}),
    },
    include: { importedBy: { select: { id: true, name: true } } },
  });
  if (!article) throw notFound("Article");
  const access: TeamAccess = await getTeamAccessOrThrow(actor, { id: article.teamId });
  return { article, access };
}

/**
 * Reads one article with its plain text.
 * @throws AppError not_found | forbidden (token without `read`)
 */
export async function getArticle({
  actor,
  articleId,
}: {
  actor: Actor;
  articleId: string;
}): Promise<ArticleJson> {
  const { article, access } = await getArticleAccessOrThrow(actor, articleId);
  assertCan(access, "team.read");
  return toArticleJson(article, access.team.slug, { withText: true });
}
