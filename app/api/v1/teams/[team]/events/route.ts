import { authedRoute, json } from "@/lib/api/route";
import { listEvents } from "@/lib/events/list-events";

export const dynamic = "force-dynamic";

/** The team's event feed in order (`after` cursor, `types`, `limit`); members and tokens with `read`. */
export const GET = authedRoute(async ({ req, params, actor }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return json(await listEvents({ actor, slug: params.team!, query }));
});
