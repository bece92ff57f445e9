import { authedRoute, json, readQuery } from "@/lib/api/route";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { ZQueryString } from "@/lib/validation/reviews";

export const dynamic = "force-dynamic";

/** Your notifications, newest first (`?unread=true` for unread only), with the unread count. */
export const GET = authedRoute(async ({ req, actor }) =>
  json(await listNotifications({ actor, query: readQuery(req, ZQueryString) })),
);
