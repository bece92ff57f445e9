import { getArticleAgreement } from "@/lib/agreement/get-agreement";
import { authedRoute, json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** Label agreement (Krippendorff's alpha), counts and text composition of one article. */
export const GET = authedRoute(async ({ params, actor }) =>
  json(await getArticleAgreement({ actor, articleId: params.id! })),
);
