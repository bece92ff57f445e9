import { createAnnotation } from "@/lib/annotations/create-annotation";
import { listAnnotations } from "@/lib/annotations/list-annotations";
import { authedRoute, json, readJson } from "@/lib/api/route";
import { ZCreateAnnotationInput } from "@/lib/validation/annotations";

export const dynamic = "force-dynamic";

/** The article's annotations in document order (filters: label, status, author, orphaned). */
export const GET = authedRoute(async ({ req, params, actor }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return json({ annotations: await listAnnotations({ actor, articleId: params.id!, query }) });
});

/** Tags a span `{label, start, end, note?}` of the article's plain text. */
export const POST = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZCreateAnnotationInput, 64 * 1024);
  return json(await createAnnotation({ actor, articleId: params.id!, input }), 201);
});
