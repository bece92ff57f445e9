import { errorResponse } from "@/lib/api/route";
import { publicBaseUrl } from "@/lib/export/export-download";
import { getPublicPage } from "@/lib/publications/public-page-cache";

export const dynamic = "force-dynamic";

const NOT_FOUND = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found</title></head><body><main><h1>This page is not published</h1><p>It may have been unpublished, or the address is wrong.</p></main></body></html>`;

/**
 * A published article's public page: no sign-in, no cookies read, HTML from the publication's
 * snapshot (lib/publications). 404 as soon as it is unpublished, on every instance.
 */
export async function GET(
  req: Request,
  context: { params: Promise<{ publicId: string }> },
): Promise<Response> {
  try {
    const { publicId } = await context.params;
    const page = await getPublicPage(publicId, publicBaseUrl(req));
    if (!page) {
      return new Response(NOT_FOUND, {
        status: 404,
        headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
      });
    }
    const headers = {
      "content-type": "text/html; charset=utf-8",
      // Revalidated on every request (an unpublished page must disappear at once), cheaply by ETag.
      "cache-control": "no-cache",
      etag: page.etag,
    };
    if (req.headers.get("if-none-match") === page.etag) return new Response(null, { status: 304, headers });
    return new Response(page.html, { status: 200, headers });
  } catch (error) {
    return errorResponse(error);
  }
}
