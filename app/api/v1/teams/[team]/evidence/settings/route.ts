import { authedRoute, json, readJson } from "@/lib/api/route";
import { getEvidenceSettings, updateEvidenceSettings } from "@/lib/evidence/snapshots/evidence-settings";
import { ZEvidenceSettingsInput } from "@/lib/validation/evidence";

export const dynamic = "force-dynamic";

/** The team's link-check schedule. */
export const GET = authedRoute(async ({ params, actor }) =>
  json(await getEvidenceSettings({ actor, teamSlug: params.team! })),
);

/** Changes the team's link-check schedule `{linkCheckIntervalDays}` (admins). */
export const PATCH = authedRoute(async ({ req, params, actor }) => {
  const input = await readJson(req, ZEvidenceSettingsInput, 4 * 1024);
  return json(await updateEvidenceSettings({ actor, teamSlug: params.team!, input }));
});
