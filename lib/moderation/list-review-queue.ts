import { type AnnotationJson, toAnnotationJson } from "../annotations/annotation-json.ts";
import { readAnnotationRows } from "../annotations/read-annotation-rows.ts";
import type { TeamQuery } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { REVIEW_INCLUDE, type ReviewJson, toReviewJson } from "../reviews/list-reviews.ts";
import { reviewableAnnotationSql } from "../rounds/annotation-visibility.ts";
import { requireTeamAction } from "../teams/access.ts";
import { toLabel } from "../validation/annotations.ts";
import { ZReviewQueueQuery } from "../validation/reviews.ts";
import { findAnnotationIdsInDisagreement, IN_DISAGREEMENT_SQL } from "./find-disagreements.ts";

/** One entry of the review queue. */
export interface ReviewQueueItem extends AnnotationJson {
  article: { id: string; title: string };
  /** Overlaps another annotator's tag with a different label. */
  inDisagreement: boolean;
  /** The latest decision on it (who, when, why), or null when it was never reviewed. */
  lastReview: ReviewJson | null;
}

/** The queue counts its matches up to this many; beyond, it reports the cap and `totalIsCapped`. */
export const REVIEW_QUEUE_COUNT_CAP = 1000;

export interface ReviewQueuePage {
  items: ReviewQueueItem[];
  nextCursor: string | null;
  /** How many annotations match the filters in all (every page), at most the count cap. */
  total: number;
  /** More than `total` match: the count stopped at the cap (shown as "1,000+"). */
  totalIsCapped: boolean;
}

type Cursor = { t: string; id: string };

function encodeCursor(value: Cursor): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Cursor;
    if (typeof value.t === "string" && typeof value.id === "string" && !Number.isNaN(Date.parse(value.t)))
      return value;
  } catch {
    // fall through
  }
  throw new AppError("invalid_input", "cursor: is not a cursor this endpoint returned");
}

/**
 * The team's annotations awaiting review (or of another status), with filters by article, label,
 * author, evidence, disagreement and age, oldest or newest first, one keyset page at a time.
 * Moderators and admins only (tokens need `review`). The open disagreements are listed apart
 * (`listOpenDisagreements`): clustering them cost twice the rest of a page.
 * The total is counted up to `countCap` (default `REVIEW_QUEUE_COUNT_CAP`): an exact count of a
 * six-figure backlog costs a scan of it on every poll, and nobody needs more than "1,000+".
 * @throws AppError not_found | forbidden | invalid_input
 */
export async function listReviewQueue({
  actor,
  teamSlug,
  query,
  countCap = REVIEW_QUEUE_COUNT_CAP,
}: TeamQuery & { countCap?: number }): Promise<ReviewQueuePage> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "annotation.review");
  const q = ZReviewQueueQuery.parse(query);
  const cursor = decodeCursor(q.cursor);
  const now = Date.now();
  // Filters in SQL (not an id list from a first query), so that the disagreement filter of a
  // team with 100,000 disputed tags is one indexed probe per row read, not a 100,000-id IN list.
  const where: Prisma.Sql[] = [
    Prisma.sql`a."teamId" = ${access.team.id}::uuid`,
    Prisma.sql`a."deletedAt" IS NULL`,
    Prisma.sql`EXISTS (SELECT 1 FROM "Article" r WHERE r.id = a."articleId" AND r."deletedAt" IS NULL)`,
    Prisma.sql`a.status = ${q.status.toUpperCase()}::"AnnotationStatus"`,
    // An open blind round's annotations wait for the reveal (docs/MODERATION.md).
    reviewableAnnotationSql(),
  ];
  if (q.article) where.push(Prisma.sql`a."articleId" = ${q.article}::uuid`);
  if (q.label) where.push(Prisma.sql`a.label = ${toLabel(q.label)}::"Label"`);
  if (q.author) where.push(Prisma.sql`a."authorId" = ${q.author}::uuid`);
  if (q.hasEvidence !== undefined)
    where.push(
      Prisma.sql`${q.hasEvidence ? Prisma.empty : Prisma.sql`NOT`} EXISTS (SELECT 1 FROM "Evidence" e
        WHERE e."annotationId" = a.id AND e."deletedAt" IS NULL)`,
    );
  if (q.disagreement === true) where.push(IN_DISAGREEMENT_SQL);
  if (q.disagreement === false) where.push(Prisma.sql`NOT ${IN_DISAGREEMENT_SQL}`);
  if (q.minAgeHours !== undefined)
    where.push(Prisma.sql`a."createdAt" <= ${new Date(now - q.minAgeHours * 3_600_000)}`);
  if (q.maxAgeHours !== undefined)
    where.push(Prisma.sql`a."createdAt" >= ${new Date(now - q.maxAgeHours * 3_600_000)}`);
  const filters = Prisma.join(where, " AND ");
  const ascending = q.sort === "oldest";
  const after = cursor
    ? Prisma.sql`(a."createdAt", a.id) ${ascending ? Prisma.sql`>` : Prisma.sql`<`} (${new Date(cursor.t)}, ${cursor.id}::uuid)`
    : null;
  // The page's flags and titles follow its rows directly while the count is still running.
  const pageOf = async () => {
    const rows = await readAnnotationRows(
      after ? Prisma.sql`${filters} AND ${after}` : filters,
      ascending ? Prisma.sql`a."createdAt" ASC, a.id ASC` : Prisma.sql`a."createdAt" DESC, a.id DESC`,
      q.limit + 1,
    );
    const page = rows.slice(0, q.limit);
    const ids = page.map((row) => row.id);
    const [inDisagreement, articles, reviews] = await Promise.all([
      findAnnotationIdsInDisagreement(access.team.id, ids),
      db.article.findMany({
        where: { id: { in: [...new Set(page.map((row) => row.articleId))] } },
        select: { id: true, title: true },
      }),
      // The latest review of each (newest first, the first one per annotation wins below).
      ids.length === 0
        ? []
        : db.review.findMany({
            where: { annotationId: { in: ids } },
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            distinct: ["annotationId"],
            include: REVIEW_INCLUDE,
          }),
    ]);
    return { rows, page, inDisagreement, articles, reviews };
  };
  const [{ rows, page, inDisagreement, articles, reviews }, counted] = await Promise.all([
    pageOf(),
    // Counting stops at the cap: LIMIT inside, so a huge backlog costs cap + 1 index entries. The
    // ORDER BY keeps it on Annotation(teamId, status, createdAt): without it the planner may pick a
    // sequential scan, which is quick only while the matches are spread evenly through the table
    // (a real backlog is the newest rows, at its end).
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n
      FROM (SELECT 1 FROM "Annotation" a WHERE ${filters} ORDER BY a."createdAt" LIMIT ${countCap + 1}) capped`,
  ]);
  const total = counted[0]?.n ?? 0;
  const titles = new Map(articles.map((article) => [article.id, article]));
  const lastReviews = new Map<string, ReviewJson>();
  for (const review of reviews) {
    if (!lastReviews.has(review.annotationId)) lastReviews.set(review.annotationId, toReviewJson(review));
  }
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      ...toAnnotationJson(row),
      article: titles.get(row.articleId)!,
      inDisagreement: inDisagreement.has(row.id),
      lastReview: lastReviews.get(row.id) ?? null,
    })),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
    total: Math.min(total, countCap),
    totalIsCapped: total > countCap,
  };
}
