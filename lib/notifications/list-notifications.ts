import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { tokenTeamWhere } from "../teams/visibility.ts";
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
  const mine = {
    userId: actor.userId,
    ...tokenTeamWhere(actor),
  };
  const [rows, unread] = await Promise.all([
    db.notification.findMany({
      where: { ...mine, ...(q.unread === "true" ? { readAt: null } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: q.limit,
    }),
    db.notification.count({ where: { ...mine, readAt: null } }),
  ]);
  return {
    notifications: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      teamId: row.teamId,
      annotationId: row.annotationId,
      payload: row.payload,
      read: row.readAt !== null,
      createdAt: row.createdAt.toISOString(),
    })),
    unread,
  };
}
