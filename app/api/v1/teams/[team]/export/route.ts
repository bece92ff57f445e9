import { authedRoute } from "@/lib/api/route";
import { exportResponse, publicBaseUrl } from "@/lib/export/export-download";
import { exportTeam } from "@/lib/export/export-team";

export const dynamic = "force-dynamic";

/** Streams a team's articles and annotations (`format=json|ndjson|w3c`, `status`, `label`, `since`). */
export const GET = authedRoute(async ({ req, params, actor }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return exportResponse(
    await exportTeam({ actor, teamSlug: params.team!, query, baseUrl: publicBaseUrl(req) }),
  );
});
