import type { TeamTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { requireTeamAction } from "../teams/access.ts";

/**
 * The people who imported at least one of the team's live articles: the article list's importer
 * filter offers them. Every member may read it.
 * @throws AppError not_found | forbidden
 */
export async function listArticleImporters({
  actor,
  teamSlug,
}: TeamTarget): Promise<{ id: string; name: string }[]> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.read");
  return db.$queryRaw<{ id: string; name: string }[]>(Prisma.sql`
    SELECT u.id::text AS id, u.name
    FROM "User" u
    WHERE EXISTS (SELECT 1 FROM "Article" r
      WHERE r."importedById" = u.id AND r."teamId" = ${access.team.id}::uuid AND r."deletedAt" IS NULL)
    ORDER BY lower(u.name), u.id
    LIMIT 500`);
}
