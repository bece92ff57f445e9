import { errorResponse } from "@/lib/api/route";
import { publicBaseUrl } from "@/lib/export/export-download";
import { getPublicPage } from "@/lib/publications/public-page-cache";
import { publicPageResponse } from "@/lib/publications/public-page-response";
import { NOT_PUBLISHED_HTML } from "@/lib/publications/serve-public-page";

export const dynamic = "force-dynamic";

/**
 * A published article's public page: no sign-in, no cookies read, HTML from the publication's
 * snapshot (lib/publications). 404 as soon as it is unpublished, on every instance. server.ts
 * answers GET and HEAD itself before Next (lib/publications/serve-public-page.ts, pre-compressed);
 * this route answers what it passes on.
 */
export async function GET(
  req: Request,
  context: { params: Promise<{ publicId: string }> },
): Promise<Response> {
  try {
    const { publicId } = await context.params;
    const page = await getPublicPage(publicId, publicBaseUrl(req));
    if (!page) {
      return new Response(NOT_PUBLISHED_HTML, {
        status: 404,
        headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
      });
    }
    return publicPageResponse(req, page);
  } catch (error) {
    return errorResponse(error);
  }
}
