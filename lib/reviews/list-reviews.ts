import { getAnnotationAccessOrThrow } from "../annotations/get-annotation.ts";
import type { AnnotationTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import type { Label } from "../generated/prisma/enums.ts";
import { assertCan } from "../teams/access.ts";
import { type LabelName, labelName } from "../validation/annotations.ts";
import type { DecisionName } from "../validation/reviews.ts";

/** A review as the API returns it. */
export interface ReviewJson {
  id: string;
  annotationId: string;
  decision: DecisionName;
  fromLabel: LabelName | null;
  toLabel: LabelName | null;
  reason: string | null;
  moderator: { id: string; name: string };
  createdAt: string;
}

/**
 * The reviews of one annotation, oldest first (every team member may read them).
 * @throws AppError not_found | forbidden
 */
export async function listReviews({ actor, annotationId }: AnnotationTarget): Promise<ReviewJson[]> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "team.read");
  const rows = await db.review.findMany({
    where: { annotationId: annotation.id },
    orderBy: { createdAt: "asc" },
    include: REVIEW_INCLUDE,
  });
  return rows.map(toReviewJson);
}

/** The include that maps a review row to ReviewJson. */
export const REVIEW_INCLUDE = { moderator: { select: { id: true, name: true } } } as const;

/** Maps a review row to its API form. */
export function toReviewJson(row: {
  id: string;
  annotationId: string;
  decision: string;
  fromLabel: Label | null;
  toLabel: Label | null;
  reason: string | null;
  createdAt: Date;
  moderator: { id: string; name: string };
}): ReviewJson {
  return {
    id: row.id,
    annotationId: row.annotationId,
    decision: row.decision.toLowerCase() as DecisionName,
    fromLabel: row.fromLabel ? labelName(row.fromLabel) : null,
    toLabel: row.toLabel ? labelName(row.toLabel) : null,
    reason: row.reason,
    moderator: row.moderator,
    createdAt: row.createdAt.toISOString(),
  };
}
