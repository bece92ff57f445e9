import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { assertCan } from "../teams/access.ts";
import { getArticleAccessOrThrow } from "./get-article.ts";

/**
 * Deletes an article for the team (a soft delete: it disappears from every page, list, search
 * and API at once; the row stays for the audit trail). Admins only.
 * @throws AppError not_found | forbidden
 */
export async function deleteArticle({
  actor,
  articleId,
}: {
  actor: Actor;
  articleId: string;
}): Promise<void> {
  const { article, access } = await getArticleAccessOrThrow(actor, articleId);
  assertCan(access, "article.archive", "Only team admins can delete articles");
  await db.$transaction(async (tx) => {
    await tx.article.update({ where: { id: article.id }, data: { deletedAt: new Date() } });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "article.delete",
      entityType: "article",
      entityId: article.id,
      before: { title: article.title },
    });
  });
}
