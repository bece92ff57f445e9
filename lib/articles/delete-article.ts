import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { ArticleTarget } from "../auth/actor.ts";
import { signalAccessChange } from "../collab/signal-access-change.ts";
import { db } from "../db.ts";
import { assertCan } from "../teams/access.ts";
import { getArticleAccessOrThrow } from "./get-article.ts";

/**
 * Deletes an article for the team (a soft delete: it disappears from every page, list, search
 * and API at once, and its open live-document connections close on commit; the row stays for
 * the audit trail). Admins only.
 * @throws AppError not_found | forbidden
 */
export async function deleteArticle({ actor, articleId }: ArticleTarget): Promise<void> {
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
    await signalAccessChange(tx, { kind: "article", articleId: article.id });
  });
}
