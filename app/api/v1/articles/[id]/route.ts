import { authedRoute, json } from "@/lib/api/route";
import { getArticle } from "@/lib/articles/get-article";

export const dynamic = "force-dynamic";

/** One article with its plain text. */
export const GET = authedRoute(async ({ params, actor }) => json(await getArticle({ actor, articleId: params.id! })));
