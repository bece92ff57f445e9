import { authedRoute, json, readJson } from "@/lib/api/route";
import { setArticleArchived } from "@/lib/articles/archive-article";
import { deleteArticle } from "@/lib/articles/delete-article";
import { getArticle } from "@/lib/articles/get-article";
import { ZUpdateArticleInput } from "@/lib/validation/articles";

export const dynamic = "force-dynamic";

/** One article with its plain text. */
export const GET = authedRoute(async ({ params, actor }) =>
  json(await getArticle({ actor, articleId: params.id! })),
);

/** Archives or unarchives an article (admins). */
export const PATCH = authedRoute(async ({ req, params, actor }) => {
  const { archived } = await readJson(req, ZUpdateArticleInput);
  return json(await setArticleArchived({ actor, articleId: params.id!, archived }));
});

/** Deletes an article (admins). */
export const DELETE = authedRoute(async ({ params, actor }) => {
  await deleteArticle({ actor, articleId: params.id! });
  return new Response(null, { status: 204 });
});
