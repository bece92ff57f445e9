import { authedRoute, json, readJson } from "@/lib/api/route";
import { importTeamExport } from "@/lib/import/import-team-export";
import { MAX_IMPORT_BYTES, ZImportBody } from "@/lib/validation/export";

export const dynamic = "force-dynamic";

/** Recreates the articles, annotations and evidence of a `json` export in this team (admins). */
export const POST = authedRoute(async ({ req, params, actor }) => {
  const body = await readJson(req, ZImportBody, MAX_IMPORT_BYTES);
  return json(await importTeamExport({ actor, teamSlug: params.team!, input: body }), 201);
});
