import { authedRoute, json, readJson } from "@/lib/api/route";
import { createArticle } from "@/lib/articles/create-article";
import { MAX_ARTICLE_BYTES } from "@/lib/articles/import-body";
import { listArticles } from "@/lib/articles/list-articles";
import { ZCreateArticleInput } from "@/lib/validation/articles";

export const dynamic = "force-dynamic";

/** Lists the team's articles (`q` searches title and body; cursor pagination). */
export const GET = authedRoute(async ({ req, params, actor }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return json(await listArticles({ actor, teamSlug: params.team!, query }));
});

/** Imports an article. */
export const POST = authedRoute(async ({ req, params, actor }) => {
  // JSON escaping can more than double a body's size; the importer enforces the real limit.
  const input = await readJson(req, ZCreateArticleInput, MAX_ARTICLE_BYTES * 3);
  return json(await createArticle({ actor, teamSlug: params.team!, input }), 201);
});
