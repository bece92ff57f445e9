import { authedRoute, json, readJson } from "@/lib/api/route";
import { createReply } from "@/lib/replies/create-reply";
import { listReplies } from "@/lib/replies/list-replies";
import { ZReplyInput } from "@/lib/validation/reviews";

export const dynamic = "force-dynamic";

/** The annotation's discussion thread, oldest first. */
export const GET = authedRoute(async ({ params, actor }) =>
  json({ replies: await listReplies({ actor, annotationId: params.id! }) }),
);

/** Reply to the annotation `{body}`. */
export const POST = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZReplyInput, 16 * 1024);
  return json(await createReply({ actor, annotationId: params.id!, input }), 201);
});
