import { authedRoute, json } from "@/lib/api/route";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";

export const dynamic = "force-dynamic";

/** A new signing secret, returned once; the old one also signs for 24 hours. */
export const POST = authedRoute(async ({ actor, params }) =>
  json(await rotateWebhookSecret({ actor, slug: params.team!, webhookId: params.id! })),
);
