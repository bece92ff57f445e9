import { ANNOTATION_INCLUDE, type AnnotationJson, toAnnotationJson } from "../annotations/annotation-json.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { AnnotationStatus, Prisma } from "../generated/prisma/client.ts";
import { assertCan, getTeamAccessOrThrow } from "../teams/access.ts";
import { toLabel } from "../validation/annotations.ts";
import { ZReviewQueueQuery } from "../validation/reviews.ts";
import { findAnnotationIdsInDisagreement } from "./find-disagreements.ts";
import { type DisagreementJson, listDisagreements } from "./list-disagreements.ts";

/** One entry of the review queue. */
export interface ReviewQueueItem extends AnnotationJson {
  article: { id: string; title: string };
  /** Overlaps another annotator's tag with a different label. */
  inDisagreement: boolean;
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
  /** Open disagreements (of the filtered article, if any); on the first page only. */
  disagreements: DisagreementJson[];
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
 * The first page also lists the open disagreements. Moderators and admins only (tokens need `review`).
 * The total is counted up to `countCap` (default `REVIEW_QUEUE_COUNT_CAP`): an exact count of a
 * six-figure backlog costs a scan of it on every poll, and nobody needs more than "1,000+".
 * @throws AppError not_found | forbidden | invalid_input
 */
export async function listReviewQueue({
  actor,
  teamSlug,
  query,
  countCap = REVIEW_QUEUE_COUNT_CAP,
}: {
  actor: Actor;
  teamSlug: string;
  query: unknown;
  countCap?: number;
}): Promise<ReviewQueuePage> {
  const access = await getTeamAccessOrThrow(actor, { slug: teamSlug });
  assertCan(access, "annotation.review");
  const q = ZReviewQueueQuery.parse(query);
  const cursor = decodeCursor(q.cursor);
  const now = Date.now();
  const disputed =
    q.disagreement === undefined ? null : await findAnnotationIdsInDisagreement(access.team.id);
  const where: Prisma.AnnotationWhereInput = {
    teamId: access.team.id,
    deletedAt: null,
    article: { deletedAt: null },
    status: q.status.toUpperCase() as AnnotationStatus,
    ...(q.article ? { articleId: q.article } : {}),
    ...(q.label ? { label: toLabel(q.label) } : {}),
    ...(q.author ? { authorId: q.author } : {}),
    ...(q.hasEvidence === true ? { evidence: { some: { deletedAt: null } } } : {}),
    ...(q.hasEvidence === false ? { evidence: { none: { deletedAt: null } } } : {}),
    ...(disputed && q.disagreement === true ? { id: { in: [...disputed] } } : {}),
    ...(disputed && q.disagreement === false ? { id: { notIn: [...disputed] } } : {}),
    createdAt: {
      ...(q.minAgeHours !== undefined ? { lte: new Date(now - q.minAgeHours * 3_600_000) } : {}),
      ...(q.maxAgeHours !== undefined ? { gte: new Date(now - q.maxAgeHours * 3_600_000) } : {}),
    },
  };
  const direction = q.sort === "oldest" ? "asc" : "desc";
  const after: Prisma.AnnotationWhereInput | null = cursor
    ? {
        OR: [
          { createdAt: { [direction === "asc" ? "gt" : "lt"]: new Date(cursor.t) } },
          { createdAt: new Date(cursor.t), id: { [direction === "asc" ? "gt" : "lt"]: cursor.id } },
        ],
      }
    : null;
  const [rows, total] = await Promise.all([
    db.annotation.findMany({
      where: after ? { AND: [where, after] } : where,
      include: { ...ANNOTATION_INCLUDE, article: { select: { id: true, title: true } } },
      orderBy: [{ createdAt: direction }, { id: direction }],
      take: q.limit + 1,
    }),
    db.annotation.count({ where, take: countCap + 1 }),
  ]);
  const page = rows.slice(0, q.limit);
  const inDisagreement =
    disputed ??
    (await findAnnotationIdsInDisagreement(
      access.team.id,
      page.map((row) => row.id),
    ));
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      ...toAnnotationJson(row),
      article: row.article,
      inDisagreement: inDisagreement.has(row.id),
    })),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
    total: Math.min(total, countCap),
    totalIsCapped: total > countCap,
    disagreements: cursor ? [] : await listDisagreements(access, { articleId: q.article }),
  };
}
