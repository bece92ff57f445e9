import { authedRoute } from "@/lib/api/route";
import { exportArticle } from "@/lib/export/export-article";
import { exportResponse, publicBaseUrl } from "@/lib/export/export-download";

export const dynamic = "force-dynamic";

/** Downloads one article with its annotations (`format=json|w3c`). */
export const GET = authedRoute(async ({ req, params, actor }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return exportResponse(
    await exportArticle({ actor, articleId: params.id!, query, baseUrl: publicBaseUrl(req) }),
  );
});
