import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { visibleAnnotationForMemberWhere } from "../rounds/annotation-visibility.ts";
import { inVisibleTeamWhere, tokenTeamWhere } from "../teams/visibility.ts";
import { ZNotificationsQuery } from "../validation/reviews.ts";

/** An in-app notification as the API returns it. */
export interface NotificationJson {
  id: string;
  kind: string;
  teamId: string;
  annotationId: string | null;
  payload: unknown;
  read: boolean;
  createdAt: string;
  /**
   * What it is about, for people: the article and passage (with a link to the passage) and who
   * acted. Null when the annotation or article is gone or the reader is no longer in its team.
   */
  subject: NotificationSubject | null;
}

/** The article, passage and person a notification is about. */
export interface NotificationSubject {
  articleId: string;
  articleTitle: string;
  quote: string;
  /** The passage on the article page: `/t/{team}/articles/{id}?annotation={annotationId}`. */
  href: string;
  by: { id: string; name: string } | null;
}

function actingUserId(payload: unknown): string | null {
  const by = (payload as { by?: { id?: unknown } } | null)?.by;
  return typeof by?.id === "string" ? by.id : null;
}

/** The subjects of some notifications, read only through the reader's current memberships. */
async function findSubjects(
  actor: Actor,
  rows: { annotationId: string | null; payload: unknown }[],
): Promise<{ subjects: Map<string, Omit<NotificationSubject, "by">>; names: Map<string, string> }> {
  const annotationIds = [...new Set(rows.flatMap((row) => (row.annotationId ? [row.annotationId] : [])))];
  const userIds = [...new Set(rows.flatMap((row) => actingUserId(row.payload) ?? []))];
  const [annotations, users] = await Promise.all([
    annotationIds.length === 0
      ? []
      : db.annotation.findMany({
          where: {
            id: { in: annotationIds },
            deletedAt: null,
            article: { deletedAt: null },
            ...inVisibleTeamWhere(actor),
            ...visibleAnnotationForMemberWhere(actor.userId),
          },
          select: {
            id: true,
            quote: true,
            articleId: true,
            article: { select: { title: true } },
            team: { select: { slug: true } },
          },
        }),
    userIds.length === 0
      ? []
      : db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
  ]);
  const subjects = new Map(
    annotations.map((annotation) => [
      annotation.id,
      {
        articleId: annotation.articleId,
        articleTitle: annotation.article.title,
        quote: annotation.quote,
        href: `/t/${annotation.team.slug}/articles/${annotation.articleId}?annotation=${annotation.id}`,
      },
    ]),
  );
  return { subjects, names: new Map(users.map((user) => [user.id, user.name])) };
}

/**
 * The actor's own notifications, newest first (a token sees only those of its team), with the
 * number still unread.
 * @throws ZodError (bad query)
 */
export async function listNotifications({
  actor,
  query,
}: {
  actor: Actor;
  query: unknown;
}): Promise<{ notifications: NotificationJson[]; unread: number }> {
  const q = ZNotificationsQuery.parse(query);
  // Nothing about an annotation the reader may not see (a blind round's, docs/MODERATION.md).
  const mine = {
    userId: actor.userId,
    ...tokenTeamWhere(actor),
    OR: [{ annotationId: null }, { annotation: visibleAnnotationForMemberWhere(actor.userId) }],
  } satisfies Prisma.NotificationWhereInput;
  const [rows, unread] = await Promise.all([
    db.notification.findMany({
      where: { ...mine, ...(q.unread === "true" ? { readAt: null } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: q.limit,
    }),
    db.notification.count({ where: { ...mine, readAt: null } }),
  ]);
  const { subjects, names } = await findSubjects(actor, rows);
  const subjectOf = (row: (typeof rows)[number]): NotificationSubject | null => {
    const found = row.annotationId ? subjects.get(row.annotationId) : undefined;
    if (!found) return null;
    const byId = actingUserId(row.payload);
    const name = byId ? names.get(byId) : undefined;
    return { ...found, by: byId && name ? { id: byId, name } : null };
  };
  return {
    notifications: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      teamId: row.teamId,
      annotationId: row.annotationId,
      payload: row.payload,
      read: row.readAt !== null,
      createdAt: row.createdAt.toISOString(),
      subject: subjectOf(row),
    })),
    unread,
  };
}
