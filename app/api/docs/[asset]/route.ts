import { staticRoute } from "@/lib/api/route.ts";
import { notFound } from "@/lib/errors.ts";
import { readReferenceAsset } from "@/lib/openapi/reference-page.ts";

/** The scripts and styles of /api/docs (an allow-list; anything else is 404). */
export async function GET(req: Request, context: { params: Promise<{ asset: string }> }): Promise<Response> {
  const { asset } = await context.params;
  return staticRoute(async () => {
    const found = await readReferenceAsset(asset);
    if (!found) throw notFound("Asset");
    return new Response(found.body as BodyInit, {
      headers: { "content-type": found.contentType, "cache-control": "public, max-age=86400" },
    });
  })(req);
}
