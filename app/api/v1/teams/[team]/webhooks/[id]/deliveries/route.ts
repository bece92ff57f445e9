import { authedRoute, json } from "@/lib/api/route";
import { listDeliveries } from "@/lib/webhooks/list-deliveries";

export const dynamic = "force-dynamic";

/** The endpoint's delivery log, newest first, with every attempt (signed-in admins). */
export const GET = authedRoute(async ({ req, actor, params }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return json(await listDeliveries({ actor, slug: params.team!, webhookId: params.id!, query }));
});
