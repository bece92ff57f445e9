import { authedRoute, json, readJson } from "@/lib/api/route";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";
import { ZMarkNotificationsReadInput } from "@/lib/validation/reviews";

export const dynamic = "force-dynamic";

/** Mark notifications read: `{ids: [...]}` or `{all: true}`. */
export const POST = authedRoute(async ({ req, actor }) => {
  const input = await readJson(req, ZMarkNotificationsReadInput, 16 * 1024);
  return json(await markNotificationsRead({ actor, input }));
});
