import type { TeamQuery } from "../auth/actor.ts";
import { db } from "../db.ts";
import { annotationViewerOf, visibleAnnotationSql } from "../rounds/annotation-visibility.ts";
import { requireTeamAction } from "../teams/access.ts";
import { type LabelName, labelName } from "../validation/annotations.ts";
import { ZSearchCitableQuery } from "../validation/evidence.ts";

/** An annotation the evidence picker offers as an internal target. */
export interface CitableAnnotationJson {
  id: string;
  articleId: string;
  articleTitle: string;
  quote: string;
  note: string | null;
  label: LabelName;
  author: { id: string; name: string };
  createdAt: string;
}

/**
 * Finds live annotations of one team whose quote or note contains the text (case-insensitive),
 * newest first, for the picker of internal evidence targets.
 * @throws AppError not_found | forbidden | invalid_input
 */
export async function searchCitableAnnotations({
  actor,
  teamSlug,
  query,
}: TeamQuery): Promise<CitableAnnotationJson[]> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.read");
  const { q, exclude, limit } = ZSearchCitableQuery.parse(query);
  // ILIKE with the wildcards escaped (Prisma's `contains` passes % and _ through as wildcards).
  const pattern = `%${q.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
  const matches = await db.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM "Annotation" a JOIN "Article" ar ON ar.id = a."articleId"
     WHERE a."teamId" = ${access.team.id}::uuid
       AND a."deletedAt" IS NULL AND ar."deletedAt" IS NULL
       AND ${visibleAnnotationSql(annotationViewerOf(access))}
       AND (a.quote ILIKE ${pattern} ESCAPE '\\' OR a.note ILIKE ${pattern} ESCAPE '\\')
       AND a.id <> ${exclude ?? "00000000-0000-0000-0000-000000000000"}::uuid
     ORDER BY a."createdAt" DESC, a.id
     LIMIT ${limit}`;
  const found = await db.annotation.findMany({
    where: { id: { in: matches.map((match) => match.id) }, teamId: access.team.id },
    include: {
      author: { select: { id: true, name: true } },
      article: { select: { title: true } },
    },
  });
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = matches.flatMap((match) => byId.get(match.id) ?? []);
  return rows.map((row) => ({
    id: row.id,
    articleId: row.articleId,
    articleTitle: row.article.title,
    quote: row.quote,
    note: row.note,
    label: labelName(row.label),
    author: { id: row.author.id, name: row.author.name },
    createdAt: row.createdAt.toISOString(),
  }));
}
