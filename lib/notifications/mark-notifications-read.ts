import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { tokenTeamWhere } from "../teams/visibility.ts";
import { ZMarkNotificationsReadInput } from "../validation/reviews.ts";

/**
 * Marks some (`ids`) or all of the actor's own notifications read; others' ids are ignored.
 * @throws ZodError (bad input)
 */
export async function markNotificationsRead({
  actor,
  input,
}: {
  actor: Actor;
  input: unknown;
}): Promise<{ updated: number }> {
  const parsed = ZMarkNotificationsReadInput.parse(input);
  const result = await db.notification.updateMany({
    where: {
      userId: actor.userId,
      readAt: null,
      ...tokenTeamWhere(actor),
      ...(parsed.ids ? { id: { in: parsed.ids } } : {}),
    },
    data: { readAt: new Date() },
  });
  return { updated: result.count };
}
