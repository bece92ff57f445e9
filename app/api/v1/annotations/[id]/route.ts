import { deleteAnnotation } from "@/lib/annotations/delete-annotation";
import { getAnnotation } from "@/lib/annotations/get-annotation";
import { updateAnnotation } from "@/lib/annotations/update-annotation";
import { authedRoute, json, readJson } from "@/lib/api/route";
import { ZDeleteAnnotationInput, ZUpdateAnnotationInput } from "@/lib/validation/annotations";

export const dynamic = "force-dynamic";

/** One annotation. */
export const GET = authedRoute(async ({ params, actor }) =>
  json(await getAnnotation({ actor, annotationId: params.id! })),
);

/** Changes one's own annotation `{label?, note?, version}`; 409 when the version is stale. */
export const PATCH = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZUpdateAnnotationInput, 16 * 1024);
  return json(await updateAnnotation({ actor, annotationId: params.id!, input }));
});

/** Deletes one's own annotation; the version comes as `?version=` or a JSON body `{version}`. */
export const DELETE = authedRoute(async ({ req, params, actor }) => {
  const fromQuery = new URL(req.url).searchParams.get("version");
  const input =
    fromQuery !== null ? { version: fromQuery } : await readJson(req, ZDeleteAnnotationInput, 1024);
  await deleteAnnotation({ actor, annotationId: params.id!, input });
  return new Response(null, { status: 204 });
});
