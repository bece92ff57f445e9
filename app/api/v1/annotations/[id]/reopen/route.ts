import { authedRoute, json, readJson } from "@/lib/api/route";
import { reopenAnnotation } from "@/lib/reviews/reopen-annotation";
import { ZReopenInput } from "@/lib/validation/reviews";

export const dynamic = "force-dynamic";

/** Reopen an approved or rejected annotation of another member: back to pending `{version?, reason?}`. */
export const POST = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZReopenInput, 16 * 1024);
  return json(await reopenAnnotation({ actor, annotationId: params.id!, input }));
});
