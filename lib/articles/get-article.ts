import type { Actor, ArticleTarget } from "../auth/actor.ts";
import { PREPARED } from "../db/prepared-statements.ts";
import { db } from "../db.ts";
import { notFound } from "../errors.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { assertCan, type TeamAccess } from "../teams/access.ts";
import { visibleTeamSql } from "../teams/visibility.ts";
import { ZUuid } from "../validation/articles.ts";
import { type ArticleJson, toArticleJson } from "./article-json.ts";

/**
 * Finds an article that the actor's teams hold (never one of another team: 404), with its body,
 * and the actor's access to its team. The visibility rule is getArticleHeaderAccessOrThrow's.
 * @throws AppError not_found
 */
export async function getArticleAccessOrThrow(actor: Actor, articleId: string) {
  const { article: header, access } = await getArticleHeaderAccessOrThrow(actor, articleId);
  const article = await db.article.findFirst({
    where: { id: header.id, deletedAt: null },
    include: { importedBy: { select: { id: true, name: true } } },
  });
  if (!article) throw notFound("Article");
  return { article, access };
}

/** What getArticleHeaderAccessOrThrow reads: the article's header, never its body. */
export interface ArticleHeaderAccess {
  article: { id: string; teamId: string; archivedAt: Date | null };
  access: TeamAccess;
  /** The acting user's display name (for a token, its creator's), e.g. as an author. */
  actorName: string;
  /** The article's open blind round when the acting user is assigned to it (docs/MODERATION.md). */
  blindRound: { id: string; submitted: boolean } | null;
}

interface HeaderAccessRow {
  id: string;
  archivedAt: Date | null;
  teamId: string;
  slug: string;
  teamName: string;
  role: Role;
  actorName: string;
  roundId: string | null;
  roundSubmittedAt: Date | null;
}

/**
 * Which articles an actor may see, in ONE query and without the body (text, ProseMirror JSON,
 * Yjs state): a live article of a team the actor is a member of (a token: only its own team),
 * else not found (404, never 403). Returns the article's header, the actor's role in its team and
 * the actor's name. Prisma would read each relation in a round trip of its own (article, importer,
 * team, membership), which dominated creating an annotation.
 * @throws AppError not_found
 */
export async function getArticleHeaderAccessOrThrow(
  actor: Actor,
  articleId: string,
): Promise<ArticleHeaderAccess> {
  if (!ZUuid.safeParse(articleId).success) throw notFound("Article");
  const visible = visibleTeamSql(actor, `a."teamId"`, "m");
  const [row] = await db.$queryRaw<HeaderAccessRow[]>`${PREPARED}
    SELECT a.id::text AS id, a."archivedAt", t.id::text AS "teamId", t.slug, t.name AS "teamName",
           m.role::text AS role, u.name AS "actorName",
           br.id::text AS "roundId", br."submittedAt" AS "roundSubmittedAt"
    FROM "Article" a
    JOIN "Team" t ON t.id = a."teamId"
    ${visible.join}
    JOIN "User" u ON u.id = m."userId"
    LEFT JOIN LATERAL (
      SELECT r.id, ra."submittedAt" FROM "Round" r
      JOIN "RoundAssignment" ra ON ra."roundId" = r.id AND ra."annotatorId" = m."userId"
      WHERE r."articleId" = a.id AND r.status = 'OPEN'
    ) br ON true
    WHERE a.id = ${articleId}::uuid AND a."deletedAt" IS NULL ${visible.and}`;
  if (!row) throw notFound("Article");
  return {
    article: { id: row.id, teamId: row.teamId, archivedAt: row.archivedAt },
    access: {
      team: { id: row.teamId, slug: row.slug, name: row.teamName },
      actor,
      userId: actor.userId,
      role: row.role,
      scopes: actor.kind === "token" ? actor.scopes : null,
    },
    actorName: row.actorName,
    blindRound: row.roundId ? { id: row.roundId, submitted: row.roundSubmittedAt !== null } : null,
  };
}

/**
 * Reads one article with its plain text.
 * @throws AppError not_found | forbidden (token without `read`)
 */
export async function getArticle({ actor, articleId }: ArticleTarget): Promise<ArticleJson> {
  const { article, access } = await getArticleAccessOrThrow(actor, articleId);
  assertCan(access, "team.read");
  return toArticleJson(article, access.team.slug, { withText: true });
}
