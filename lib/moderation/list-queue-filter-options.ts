import type { TeamTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import { requireTeamAction, type TeamAccess } from "../teams/access.ts";

/** What the review queue's filters offer: the team's live articles and its members. */
export interface QueueFilterOptions {
  access: TeamAccess;
  articles: { id: string; title: string }[];
  authors: { id: string; name: string }[];
}

/**
 * Loads the team (moderators and admins only) with the choices of the queue's filters.
 * @throws AppError not_found | forbidden
 */
export async function listQueueFilterOptions({ actor, teamSlug }: TeamTarget): Promise<QueueFilterOptions> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "annotation.review");
  const [articles, members] = await Promise.all([
    db.article.findMany({
      where: { teamId: access.team.id, deletedAt: null },
      select: { id: true, title: true },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
    db.membership.findMany({
      where: { teamId: access.team.id },
      select: { user: { select: { id: true, name: true } } },
      orderBy: { user: { name: "asc" } },
    }),
  ]);
  return { access, articles, authors: members.map((member) => member.user) };
}
