import { json } from "@/lib/api/route";
import { EXPORT_JSON_SCHEMA } from "@/lib/export/export-schema";

/** The JSON Schema of the `json` export format. Needs no credentials. */
export async function GET(): Promise<Response> {
  return json(EXPORT_JSON_SCHEMA, 200, {
    "cache-control": "public, max-age=300",
    "content-type": "application/schema+json",
  });
}
