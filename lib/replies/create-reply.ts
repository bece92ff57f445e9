import { getAnnotationAccessOrThrow } from "../annotations/get-annotation.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { AnnotationCommand } from "../auth/actor.ts";
import { db } from "../db.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import { assertCan } from "../teams/access.ts";
import { ZReplyInput } from "../validation/reviews.ts";
import { REPLY_INCLUDE, type ReplyJson, toReplyJson } from "./reply-json.ts";

/**
 * Adds a reply to an annotation's thread (members who may annotate: annotators, moderators,
 * admins; tokens need `annotate`), with its audit event and, unless the author replies to
 * themselves, a notification for the annotation's author, in one transaction.
 * @throws AppError not_found | forbidden | invalid_input
 */
export async function createReply({ actor, annotationId, input }: AnnotationCommand): Promise<ReplyJson> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "annotation.create", "Viewers can read the discussion but not reply");
  const { body } = ZReplyInput.parse(input);
  return db.$transaction(async (tx) => {
    const row = await tx.reply.create({
      data: { annotationId: annotation.id, authorId: access.userId, body },
      include: REPLY_INCLUDE,
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "reply.create",
      entityType: "reply",
      entityId: row.id,
      after: { annotationId: annotation.id, body },
    });
    if (annotation.author.id !== access.userId) {
      await notifyUser(tx, {
        userId: annotation.author.id,
        teamId: access.team.id,
        annotationId: annotation.id,
        kind: "annotation.replied",
        payload: {
          articleId: annotation.articleId,
          replyId: row.id,
          by: row.author,
          excerpt: body.slice(0, 140),
        },
      });
    }
    return toReplyJson(row);
  });
}
