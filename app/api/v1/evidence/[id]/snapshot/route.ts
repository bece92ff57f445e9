import { authedRoute, json } from "@/lib/api/route";
import { getEvidenceSnapshot } from "@/lib/evidence/snapshots/get-evidence-snapshot";

export const dynamic = "force-dynamic";

/** Proofmark's snapshot of the cited page: metadata, readable text, last link check. */
export const GET = authedRoute(async ({ params, actor }) =>
  json(await getEvidenceSnapshot({ actor, evidenceId: params.id! })),
);
