import { json, staticRoute } from "@/lib/api/route.ts";
import { buildOpenApiDocument } from "@/lib/openapi/document.ts";

/** The OpenAPI 3.1 description of this API. Needs no credentials. */
export const GET = staticRoute(async (): Promise<Response> => {
  return json(buildOpenApiDocument(), 200, { "cache-control": "public, max-age=300" });
});
