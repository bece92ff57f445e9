import { getAnnotationAccessOrThrow } from "../annotations/get-annotation.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError, notFound } from "../errors.ts";
import { assertCan } from "../teams/access.ts";
import { ZUuid } from "../validation/articles.ts";
import { ZReplyInput } from "../validation/reviews.ts";
import { REPLY_INCLUDE, type ReplyJson, toReplyJson } from "./reply-json.ts";

/**
 * Edits one's own reply (marked edited, the previous text kept in the audit log).
 * @throws AppError not_found | forbidden (not the author) | invalid_input
 */
export async function updateReply({
  actor,
  annotationId,
  replyId,
  input,
}: {
  actor: Actor;
  annotationId: string;
  replyId: string;
  input: unknown;
}): Promise<ReplyJson> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "annotation.create");
  if (!ZUuid.safeParse(replyId).success) throw notFound("Reply");
  const { body } = ZReplyInput.parse(input);
  const reply = await db.reply.findFirst({
    where: { id: replyId, annotationId: annotation.id, deletedAt: null },
  });
  if (!reply) throw notFound("Reply");
  if (reply.authorId !== access.userId) throw new AppError("forbidden", "Only its author can edit a reply");
  return db.$transaction(async (tx) => {
    const row = await tx.reply.update({
      where: { id: reply.id },
      data: { body, editedAt: new Date() },
      include: REPLY_INCLUDE,
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "reply.update",
      entityType: "reply",
      entityId: reply.id,
      before: { annotationId: annotation.id, body: reply.body },
      after: { annotationId: annotation.id, body },
    });
    return toReplyJson(row);
  });
}
