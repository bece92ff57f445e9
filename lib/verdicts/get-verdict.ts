import { getAnnotationAccessOrThrow } from "../annotations/get-annotation.ts";
import type { AnnotationTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import { notFound } from "../errors.ts";
import { assertCan } from "../teams/access.ts";
import { loadVerdicts, type VerdictJson } from "./verdict-json.ts";

/**
 * The verdict of an annotation, for any member of its team.
 * @throws AppError not_found (annotation or verdict) | forbidden (token without read)
 */
export async function getVerdict({ actor, annotationId }: AnnotationTarget): Promise<VerdictJson> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "team.read");
  const [verdict] = await loadVerdicts(db, { annotationId: annotation.id });
  if (!verdict) throw notFound("Verdict");
  return verdict;
}
