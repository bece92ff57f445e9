import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { signalAccessChange } from "../collab/signal-access-change.ts";
import { db } from "../db.ts";
import { assertCan } from "../teams/access.ts";
import { type ArticleJson, toArticleJson } from "./article-json.ts";
import { getArticleAccessOrThrow } from "./get-article.ts";

/**
 * Archives an article (or brings it back): it stays readable and exportable but leaves the
 * team's default list. Admins only. Open body connections become read-only (or writable again
 * for those who may correct) on commit.
 * @throws AppError not_found | forbidden
 */
export async function setArticleArchived({
  actor,
  articleId,
  archived,
}: {
  actor: Actor;
  articleId: string;
  archived: boolean;
}): Promise<ArticleJson> {
  const { article, access } = await getArticleAccessOrThrow(actor, articleId);
  assertCan(access, "article.archive", "Only team admins can archive articles");
  if ((article.archivedAt !== null) === archived) return toArticleJson(article, access.team.slug);
  const updated = await db.$transaction(async (tx) => {
    const row = await tx.article.update({
      where: { id: article.id },
      data: { archivedAt: archived ? new Date() : null },
      include: { importedBy: { select: { id: true, name: true } } },
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: archived ? "article.archive" : "article.unarchive",
      entityType: "article",
      entityId: article.id,
      before: { archivedAt: article.archivedAt },
      after: { archivedAt: row.archivedAt },
    });
    await signalAccessChange(tx, { kind: "article", articleId: article.id });
    return row;
  });
  return toArticleJson(updated, access.team.slug);
}
