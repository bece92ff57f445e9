import { db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";

/**
 * SQL true when the annotation `a` (the alias in the surrounding query) is "in disagreement": it
 * is live, not orphaned, not rejected, and overlaps a live, unrejected, anchored annotation of the
 * same article by another annotator with a different label. The one definition the queue's filter
 * and `findAnnotationIdsInDisagreement` share; the probe uses Annotation(articleId, start).
 */
export const IN_DISAGREEMENT_SQL = Prisma.sql`(
  a."deletedAt" IS NULL AND NOT a.orphaned AND a.status <> 'REJECTED'
  AND EXISTS (
    SELECT 1 FROM "Annotation" b
    WHERE b."articleId" = a."articleId"
      AND b.id <> a.id
      AND b."authorId" <> a."authorId"
      AND b.label <> a.label
      AND b.start < a."end" AND a.start < b."end"
      AND b."deletedAt" IS NULL AND NOT b.orphaned AND b.status <> 'REJECTED'))`;

/**
 * Ids of the team's live annotations that overlap a live, unrejected annotation of the same
 * article by another annotator with a different label: the annotations "in disagreement".
 * Scoped to one team: callers pass the team id of an access they already checked.
 * @throws nothing beyond database errors
 */
export async function findAnnotationIdsInDisagreement(
  teamId: string,
  onlyIds?: string[],
): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT a.id::text AS id
    FROM "Annotation" a
    JOIN "Article" r ON r.id = a."articleId" AND r."deletedAt" IS NULL
    WHERE a."teamId" = ${teamId}::uuid
      AND ${IN_DISAGREEMENT_SQL}
      AND (${onlyIds ?? null}::uuid[] IS NULL OR a.id = ANY(${onlyIds ?? null}::uuid[]))`;
  return new Set(rows.map((row) => row.id));
}
