import { authedRoute, json } from "@/lib/api/route";
import {
  getPublication,
  publishArticle,
  republishArticle,
  unpublishArticle,
} from "@/lib/publications/publish-article";

export const dynamic = "force-dynamic";

/** Whether the article is published: `{publication: {url, ...} | null}`. */
export const GET = authedRoute(async ({ params, actor }) =>
  json({ publication: await getPublication({ actor, articleId: params.id! }) }),
);

/** Publishes the article (moderators, admins): 201 `{url}` with the public path `/p/{publicId}`. */
export const POST = authedRoute(async ({ params, actor }) =>
  json(await publishArticle({ actor, articleId: params.id! }), 201),
);

/** Republishes the article's current state under the same URL. */
export const PUT = authedRoute(async ({ params, actor }) =>
  json(await republishArticle({ actor, articleId: params.id! })),
);

/** Unpublishes: the public URL answers 404 at once. */
export const DELETE = authedRoute(async ({ params, actor }) => {
  await unpublishArticle({ actor, articleId: params.id! });
  return new Response(null, { status: 204 });
});
