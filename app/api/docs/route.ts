import { staticRoute } from "@/lib/api/route.ts";
import { referencePageHtml } from "@/lib/openapi/reference-page.ts";

/** The API reference (Swagger UI over /api/v1/openapi.json). Needs no credentials. */
export const GET = staticRoute(async (): Promise<Response> => {
  return new Response(referencePageHtml(), {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=300" },
  });
});
