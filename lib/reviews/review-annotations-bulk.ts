import { ANNOTATION_INCLUDE, type AnnotationJson, toAnnotationJson } from "../annotations/annotation-json.ts";
import { publishAnnotations } from "../annotations/live-state.ts";
import type { Actor, TeamCommand } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError, notFound } from "../errors.ts";
import { assertCan, requireTeamAction, type TeamAccess } from "../teams/access.ts";
import { ZBulkReviewInput } from "../validation/reviews.ts";
import { publishVerdicts } from "../verdicts/live-verdicts.ts";
import { applyReview, type ReviewDecisionInput } from "./apply-review.ts";

/**
 * Applies decisions to several annotations of one team in ONE transaction: either every
 * decision is recorded or none is (an unknown id, one's own annotation, a concurrent change
 * or any other failure rolls the whole selection back). Publishes the results afterwards. An
 * annotation whose verdict a relabel or rejection withdrew comes back with `verdictWithdrawn: true`.
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
}): Promise<Array<AnnotationJson & { verdictWithdrawn?: true }>> {
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
    const withdrawn = new Set<string>();
    for (const item of items) {
      const result = await applyReview(tx, {
        actor,
        access,
        target: byId.get(item.annotationId)!,
        input: item.input,
      });
      if (result.verdictWithdrawn) withdrawn.add(item.annotationId);
    }
    const rows = await tx.annotation.findMany({ where: { id: { in: ids } }, include: ANNOTATION_INCLUDE });
    return { annotations: rows.map(toAnnotationJson), withdrawn };
  });
  const byArticle = new Map<string, AnnotationJson[]>();
  for (const annotation of reviewed.annotations) {
    byArticle.set(annotation.articleId, [...(byArticle.get(annotation.articleId) ?? []), annotation]);
  }
  for (const [articleId, upsert] of byArticle) {
    await publishAnnotations(articleId, { upsert });
    const remove = upsert.filter((annotation) => reviewed.withdrawn.has(annotation.id)).map((a) => a.id);
    if (remove.length > 0) await publishVerdicts(articleId, { remove });
  }
  return reviewed.annotations.map((annotation) =>
    reviewed.withdrawn.has(annotation.id) ? { ...annotation, verdictWithdrawn: true as const } : annotation,
  );
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
}: TeamCommand): Promise<Array<AnnotationJson & { verdictWithdrawn?: true }>> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "annotation.review");
  const parsed = ZBulkReviewInput.parse(input);
  const { annotationIds, ...decision } = parsed;
  return applyReviewsAtomically({
    actor,
    access,
    items: annotationIds.map((annotationId) => ({ annotationId, input: decision })),
  });
}
