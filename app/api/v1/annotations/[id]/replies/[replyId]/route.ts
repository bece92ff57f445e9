import { authedRoute, json, readJson } from "@/lib/api/route";
import { updateReply } from "@/lib/replies/update-reply";
import { ZReplyInput } from "@/lib/validation/reviews";

export const dynamic = "force-dynamic";

/** Edit one's own reply `{body}`. */
export const PATCH = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZReplyInput, 16 * 1024);
  return json(await updateReply({ actor, annotationId: params.id!, replyId: params.replyId!, input }));
});
