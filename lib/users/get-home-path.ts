import type { UserActor } from "../auth/actor.ts";
import { db } from "../db.ts";

/**
 * Where a signed-in person lands: their first team by name, or the team list when they have none.
 * @throws Error when the database fails
 */
export async function getHomePath({ actor }: { actor: UserActor }): Promise<string> {
  const membership = await db.membership.findFirst({
    where: { userId: actor.userId },
    orderBy: [{ team: { name: "asc" } }, { team: { slug: "asc" } }],
    select: { team: { select: { slug: true } } },
  });
  return membership ? `/t/${encodeURIComponent(membership.team.slug)}` : "/teams";
}
