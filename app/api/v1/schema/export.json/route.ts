import { json, staticRoute } from "@/lib/api/route";
import { EXPORT_JSON_SCHEMA } from "@/lib/export/export-schema";

/** The JSON Schema of the `json` export format. Needs no credentials. */
export const GET = staticRoute(async (): Promise<Response> => {
  return json(EXPORT_JSON_SCHEMA, 200, {
    "cache-control": "public, max-age=300",
    "content-type": "application/schema+json",
  });
});
