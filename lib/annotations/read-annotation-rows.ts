import { db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Label, ReviewDecision } from "../generated/prisma/enums.ts";
import type { AnnotationRow } from "./annotation-json.ts";

/** The row's own columns as AnnotationRow has them, its relations flattened into columns. */
type FlatRow = Omit<AnnotationRow, "author" | "evidence" | "_count" | "reviews"> & {
  authorId: string;
  authorName: string;
  corroborates: number;
  contradicts: number;
  citedBy: number;
  reviewDecision: ReviewDecision | null;
  reviewReason: string | null;
  reviewFromLabel: Label | null;
  reviewToLabel: Label | null;
  reviewCreatedAt: Date | null;
  moderatorId: string | null;
  moderatorName: string | null;
};

/**
 * Annotations matching `where` (SQL over the alias `a`) in `orderBy` order (at most `limit`), with everything
 * ANNOTATION_INCLUDE reads (author, live evidence by relation, live citations, latest review and
 * its moderator) in ONE query: Prisma's include reads each relation in a round trip of its own,
 * which dominated an article's annotation list. Must stay equivalent to ANNOTATION_INCLUDE
 * (tests/integration/read-annotation-rows.test.ts compares the two). The caller scopes `where`.
 * @throws nothing beyond database errors
 */
export async function readAnnotationRows(
  where: Prisma.Sql,
  orderBy: Prisma.Sql,
  limit?: number,
): Promise<AnnotationRow[]> {
  const rows = await db.$queryRaw<FlatRow[]>`
    SELECT a.id::text AS id, a."articleId"::text AS "articleId", a.label::text AS label,
           a.status::text AS status, a.note, a.quote, a.prefix, a.suffix, a.start, a."end", a.orphaned,
           a.version, a.anchor, a."createdAt", a."updatedAt", a."roundId"::text AS "roundId",
           u.id::text AS "authorId", u.name AS "authorName",
           coalesce(ev.corroborates, 0)::int AS corroborates, coalesce(ev.contradicts, 0)::int AS contradicts,
           coalesce(cb.n, 0)::int AS "citedBy",
           rv.decision::text AS "reviewDecision", rv.reason AS "reviewReason",
           rv."fromLabel"::text AS "reviewFromLabel", rv."toLabel"::text AS "reviewToLabel",
           rv."createdAt" AS "reviewCreatedAt", rv."moderatorId"::text AS "moderatorId",
           rv."moderatorName"
    FROM "Annotation" a
    JOIN "User" u ON u.id = a."authorId"
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE e.relation = 'CORROBORATES') AS corroborates,
             count(*) FILTER (WHERE e.relation = 'CONTRADICTS') AS contradicts
      FROM "Evidence" e WHERE e."annotationId" = a.id AND e."deletedAt" IS NULL
    ) ev ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS n
      FROM "Evidence" e
      JOIN "Annotation" src ON src.id = e."annotationId" AND src."deletedAt" IS NULL
      JOIN "Article" srcArticle ON srcArticle.id = src."articleId" AND srcArticle."deletedAt" IS NULL
      WHERE e."targetAnnotationId" = a.id AND e."deletedAt" IS NULL
    ) cb ON true
    LEFT JOIN LATERAL (
      SELECT r.decision, r.reason, r."fromLabel", r."toLabel", r."createdAt", m.id AS "moderatorId",
             m.name AS "moderatorName"
      FROM "Review" r JOIN "User" m ON m.id = r."moderatorId"
      WHERE r."annotationId" = a.id
      ORDER BY r."createdAt" DESC
      LIMIT 1
    ) rv ON true
    WHERE ${where}
    ORDER BY ${orderBy}
    ${limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`;
  return rows.map(
    ({
      authorId,
      authorName,
      corroborates,
      contradicts,
      citedBy,
      reviewDecision,
      reviewReason,
      reviewFromLabel,
      reviewToLabel,
      reviewCreatedAt,
      moderatorId,
      moderatorName,
      ...columns
    }) => ({
      // The annotation's own columns as they are; its relations are rebuilt from the flat ones.
      ...columns,
      roundId: columns.roundId ?? null,
      author: { id: authorId, name: authorName },
      evidence: [
        ...Array.from({ length: corroborates }, () => ({ relation: "CORROBORATES" as const })),
        ...Array.from({ length: contradicts }, () => ({ relation: "CONTRADICTS" as const })),
      ],
      _count: { citedBy },
      reviews:
        reviewDecision && reviewCreatedAt && moderatorId
          ? [
              {
                decision: reviewDecision,
                reason: reviewReason,
                fromLabel: reviewFromLabel,
                toLabel: reviewToLabel,
                createdAt: reviewCreatedAt,
                moderator: { id: moderatorId, name: moderatorName ?? "" },
              },
            ]
          : [],
    }),
  );
}
