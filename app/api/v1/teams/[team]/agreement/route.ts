import { getTeamAgreement } from "@/lib/agreement/get-agreement";
import { authedRoute, json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** Label agreement (Krippendorff's alpha), counts and text composition over the team's articles. */
export const GET = authedRoute(async ({ params, actor }) =>
  json(await getTeamAgreement({ actor, teamSlug: params.team! })),
);
