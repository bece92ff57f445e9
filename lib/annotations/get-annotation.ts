import type { Actor, AnnotationTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import { notFound } from "../errors.ts";
import { annotationViewerOf, visibleAnnotationWhere } from "../rounds/annotation-visibility.ts";
import { assertCan, getTeamAccessOrThrow, type TeamAccess } from "../teams/access.ts";
import { inVisibleTeamWhere } from "../teams/visibility.ts";
import { ZUuid } from "../validation/articles.ts";
import { ANNOTATION_INCLUDE, toAnnotationJson } from "./annotation-json.ts";

/**
 * Finds a live annotation in one of the actor's teams (another team's, a deleted one, or one of
 * a deleted article: 404) with the actor's access to that team.
 * @throws AppError not_found
 */
export async function getAnnotationAccessOrThrow(actor: Actor, annotationId: string) {
  if (!ZUuid.safeParse(annotationId).success) throw notFound("Annotation");
  const annotation = await db.annotation.findFirst({
    where: {
      id: annotationId,
      deletedAt: null,
      article: { deletedAt: null },
      ...inVisibleTeamWhere(actor),
    },
    include: ANNOTATION_INCLUDE,
  });
  if (!annotation) throw notFound("Annotation");
  const access: TeamAccess = await getTeamAccessOrThrow(actor, { id: annotation.teamId });
  // Blind rounds: an annotation the actor may not see yet is not there for them (404).
  const viewer = annotationViewerOf(access);
  if (!viewer.seesAll) {
    const visible = await db.annotation.count({
      where: { id: annotation.id, ...visibleAnnotationWhere(viewer) },
    });
    if (visible === 0) throw notFound("Annotation");
  }
  return { annotation, access };
}

/**
 * Reads one annotation.
 * @throws AppError not_found | forbidden
 */
export async function getAnnotation({ actor, annotationId }: AnnotationTarget) {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "team.read");
  return toAnnotationJson(annotation);
}
