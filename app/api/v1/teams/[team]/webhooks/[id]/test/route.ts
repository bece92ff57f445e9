import { authedRoute, json } from "@/lib/api/route";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

export const dynamic = "force-dynamic";

/** Queues a `webhook.test` delivery to the endpoint (202; see its delivery log). */
export const POST = authedRoute(async ({ actor, params }) =>
  json(await sendTestEvent({ actor, slug: params.team!, webhookId: params.id! }), 202),
);
