import { ANNOTATION_INCLUDE, type AnnotationJson, toAnnotationJson } from "../annotations/annotation-json.ts";
import { publishAnnotations } from "../annotations/live-state.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError, notFound } from "../errors.ts";
import { assertCan, getTeamAccessOrThrow, type TeamAccess } from "../teams/access.ts";
import { ZBulkReviewInput } from "../validation/reviews.ts";
import { applyReview, type ReviewDecisionInput } from "./apply-review.ts";

/**
 * Applies decisions to several annotations of one team in ONE transaction: either every
 * decision is recorded or none is (an unknown id, one's own annotation, a concurrent change
 * or any other failure rolls the whole selection back). Publishes the results afterwards.
 * @throws AppError not_found | forbidden | invalid_input | version_conflict
 */
export async function applyReviewsAtomically({
  actor,
  access,
  items,
}: {
  actor: Actor;
  access: TeamAccess;
  items: Array<{ annotationId: string; input: ReviewDecisionInput }>;
}): Promise<AnnotationJson[]> {
  assertCan(access, "annotation.review");
  const ids = [...new Set(items.map((item) => item.annotationId))];
  if (ids.length !== items.length)
    throw new AppError("invalid_input", "annotationIds: an annotation is listed twice");
  const reviewed = await db.$transaction(async (tx) => {
    // Each write below re-checks the version it read, so a concurrent edit or review aborts the lot.
    const targets = await tx.annotation.findMany({
      where: { id: { in: ids }, teamId: access.team.id, deletedAt: null, article: { deletedAt: null } },
    });
    if (targets.length !== ids.length) throw notFound("Annotation");
    const byId = new Map(targets.map((target) => [target.id, target]));
    for (const item of items) {
      await applyReview(tx, { actor, access, target: byId.get(item.annotationId)!, input: item.input });
    }
    const rows = await tx.annotation.findMany({ where: { id: { in: ids } }, include: ANNOTATION_INCLUDE });
    return rows.map(toAnnotationJson);
  });
  const byArticle = new Map<string, AnnotationJson[]>();
  for (const annotation of reviewed) {
    byArticle.set(annotation.articleId, [...(byArticle.get(annotation.articleId) ?? []), annotation]);
  }
  for (const [articleId, upsert] of byArticle) await publishAnnotations(articleId, { upsert });
  return reviewed;
}

/**
 * One decision (approve, reject with a reason, relabel with a reason) on a selection of a
 * team's annotations, all or none.
 * @throws AppError not_found | forbidden | invalid_input | version_conflict
 */
export async function reviewAnnotationsBulk({
  actor,
  teamSlug,
  input,
}: {
  actor: Actor;
  teamSlug: string;
  input: unknown;
}): Promise<AnnotationJson[]> {
  const access = await getTeamAccessOrThrow(actor, { slug: teamSlug });
  assertCan(access, "annotation.review");
  const parsed = ZBulkReviewInput.parse(input);
  const { annotationIds, ...decision } = parsed;
  return applyReviewsAtomically({
    actor,
    access,
    items: annotationIds.map((annotationId) => ({ annotationId, input: decision })),
  });
}
