import { json } from "@/lib/api/route.ts";
import { buildOpenApiDocument } from "@/lib/openapi/document.ts";

/** The OpenAPI 3.1 description of this API. Needs no credentials. */
export async function GET(): Promise<Response> {
  return json(buildOpenApiDocument(), 200, { "cache-control": "public, max-age=300" });
}
