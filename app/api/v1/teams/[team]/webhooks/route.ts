import { authedRoute, json, readJson } from "@/lib/api/route";
import { ZCreateWebhookInput } from "@/lib/validation/webhooks";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";

export const dynamic = "force-dynamic";

/** The team's webhook endpoints, without secrets (signed-in admins). */
export const GET = authedRoute(async ({ actor, params }) =>
  json({ webhooks: await listWebhooks({ actor, slug: params.team! }) }),
);

/** Registers an endpoint; its `whsec_` signing secret is in this response only (signed-in admins). */
export const POST = authedRoute(async ({ req, actor, params }) => {
  const input = await readJson(req, ZCreateWebhookInput, 16 * 1024);
  return json(await createWebhook({ actor, slug: params.team!, input }), 201);
});
