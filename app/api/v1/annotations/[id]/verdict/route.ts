import { authedRoute, json, readJson } from "@/lib/api/route";
import { ZVerdictInput } from "@/lib/validation/verdicts";
import { deleteVerdict } from "@/lib/verdicts/delete-verdict";
import { getVerdict } from "@/lib/verdicts/get-verdict";
import { setVerdict } from "@/lib/verdicts/set-verdict";

export const dynamic = "force-dynamic";

/** The annotation's verdict (404 when it has none). */
export const GET = authedRoute(async ({ params, actor }) =>
  json({ verdict: await getVerdict({ actor, annotationId: params.id! }) }),
);

/** Gives (201) or changes (200) the verdict `{rating, conclusion, evidenceIds}` (moderators, admins). */
export const PUT = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZVerdictInput, 32 * 1024);
  const { verdict, created } = await setVerdict({ actor, annotationId: params.id!, input });
  return json({ verdict }, created ? 201 : 200);
});

/** Removes the verdict (moderators, admins). */
export const DELETE = authedRoute(async ({ params, actor }) => {
  await deleteVerdict({ actor, annotationId: params.id! });
  return new Response(null, { status: 204 });
});
