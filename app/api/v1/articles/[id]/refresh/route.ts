import { authedRoute, json } from "@/lib/api/route";
import { refreshArticleSource } from "@/lib/articles/refresh-article-source";

export const dynamic = "force-dynamic";

/** Re-checks an article imported from a URL and applies the source's changes as a correction. */
export const POST = authedRoute(async ({ params, actor }) =>
  json(await refreshArticleSource({ actor, articleId: params.id! })),
);
