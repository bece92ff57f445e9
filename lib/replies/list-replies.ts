import { getAnnotationAccessOrThrow } from "../annotations/get-annotation.ts";
import type { AnnotationTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import { assertCan } from "../teams/access.ts";
import { REPLY_INCLUDE, type ReplyJson, toReplyJson } from "./reply-json.ts";

/**
 * The discussion thread of an annotation, oldest first (every team member may read it).
 * @throws AppError not_found | forbidden (token without read)
 */
export async function listReplies({ actor, annotationId }: AnnotationTarget): Promise<ReplyJson[]> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "team.read");
  return listRepliesOfAnnotations([annotation.id]).then((byId) => byId.get(annotation.id) ?? []);
}

/**
 * The live replies of several annotations (for exports), keyed by annotation id. The caller
 * has already checked that the actor may read these annotations.
 * @throws nothing beyond database errors
 */
export async function listRepliesOfAnnotations(annotationIds: string[]): Promise<Map<string, ReplyJson[]>> {
  const rows = await db.reply.findMany({
    where: { annotationId: { in: annotationIds }, deletedAt: null },
    include: REPLY_INCLUDE,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const result = new Map<string, ReplyJson[]>();
  for (const row of rows)
    result.set(row.annotationId, [...(result.get(row.annotationId) ?? []), toReplyJson(row)]);
  return result;
}
