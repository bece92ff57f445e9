import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { assertCan } from "../teams/access.ts";
import { getArticleAccessOrThrow } from "./get-article.ts";

/** One entry of an article's history: who did what, when, and for corrections the changed passage. */
export interface ArticleHistoryEntry {
  id: string;
  action: string;
  at: string;
  actor: { id: string; name: string } | null;
  removed: string | null;
  inserted: string | null;
  /** For `article.source_update`: what the re-check fetched and which paragraphs changed. */
  source?: {
    fetchedAt: string | null;
    contentHash: string | null;
    paragraphs: { before: string | null; after: string | null }[];
  };
}

function sourceField(value: unknown): ArticleHistoryEntry["source"] {
  const after = (value ?? {}) as { fetchedAt?: unknown; contentHash?: unknown; paragraphs?: unknown };
  const paragraphs = Array.isArray(after.paragraphs)
    ? after.paragraphs.map((p: { before?: unknown; after?: unknown }) => ({
        before: typeof p?.before === "string" ? p.before : null,
        after: typeof p?.after === "string" ? p.after : null,
      }))
    : [];
  return {
    fetchedAt: typeof after.fetchedAt === "string" ? after.fetchedAt : null,
    contentHash: typeof after.contentHash === "string" ? after.contentHash : null,
    paragraphs,
  };
}

function textField(value: unknown): string | null {
  if (value && typeof value === "object" && "text" in value && typeof value.text === "string")
    return value.text;
  return null;
}

/**
 * The article's history from the audit log (import, corrections with the changed passage,
 * archiving), newest first.
 * @throws AppError not_found | forbidden
 */
export async function listArticleHistory({
  actor,
  articleId,
  limit = 50,
}: {
  actor: Actor;
  articleId: string;
  limit?: number;
}): Promise<ArticleHistoryEntry[]> {
  const { article, access } = await getArticleAccessOrThrow(actor, articleId);
  assertCan(access, "team.read");
  const events = await db.auditEvent.findMany({
    where: { teamId: access.team.id, entityType: "article", entityId: article.id },
    orderBy: { id: "desc" },
    take: Math.min(Math.max(limit, 1), 200),
    include: { actor: { select: { id: true, name: true } } },
  });
  return events.map((event) => ({
    id: event.id.toString(),
    action: event.action,
    at: event.createdAt.toISOString(),
    actor: event.actor,
    removed: event.action === "article.correct" ? textField(event.before) : null,
    inserted: event.action === "article.correct" ? textField(event.after) : null,
    ...(event.action === "article.source_update" ? { source: sourceField(event.after) } : {}),
  }));
}
