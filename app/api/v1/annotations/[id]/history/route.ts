import { listAnnotationHistory } from "@/lib/annotations/list-annotation-history";
import { authedRoute, json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** The annotation's timeline from the audit log: changes, decisions, evidence, replies. */
export const GET = authedRoute(async ({ params, actor }) =>
  json({ history: await listAnnotationHistory({ actor, annotationId: params.id! }) }),
);
