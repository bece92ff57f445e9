import { authedRoute, json } from "@/lib/api/route";
import { searchCitableAnnotations } from "@/lib/evidence/search-citable-annotations";

export const dynamic = "force-dynamic";

/** The team's annotations whose quote or note contains `q` (the evidence picker). */
export const GET = authedRoute(async ({ req, params, actor }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return json({ annotations: await searchCitableAnnotations({ actor, teamSlug: params.team!, query }) });
});
