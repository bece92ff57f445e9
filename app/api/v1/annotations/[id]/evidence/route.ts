import { z } from "zod";
import { authedRoute, json, readJson } from "@/lib/api/route";
import { addEvidence } from "@/lib/evidence/add-evidence";
import { listEvidence } from "@/lib/evidence/list-evidence";

export const dynamic = "force-dynamic";

/** The annotation's evidence in two groups, and the annotations that cite it. */
export const GET = authedRoute(async ({ params, actor }) =>
  json(await listEvidence({ actor, annotationId: params.id! })),
);

/** Attaches evidence `{relation, url | targetAnnotationId, ...}` to the annotation. */
export const POST = authedRoute(async ({ req, params, actor }) => {
  // The use case validates the body (lib/validation/evidence.ts) after checking access.
  const input = await readJson(req, z.unknown(), 64 * 1024);
  return json(await addEvidence({ actor, annotationId: params.id!, input }), 201);
});
