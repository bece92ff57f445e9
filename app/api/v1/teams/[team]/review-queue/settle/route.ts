import { authedRoute, json, readJson } from "@/lib/api/route";
import { settleDisagreement } from "@/lib/moderation/settle-disagreement";
import { ZSettleDisagreementInput } from "@/lib/validation/reviews";

export const dynamic = "force-dynamic";

/** Settles a disagreement `{annotationIds, label, reason}`: that label wins for all of them, all or none. */
export const POST = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZSettleDisagreementInput, 16 * 1024);
  return json({ annotations: await settleDisagreement({ actor, teamSlug: params.team!, input }) });
});
