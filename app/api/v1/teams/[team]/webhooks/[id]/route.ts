import { authedRoute, json, readJson } from "@/lib/api/route";
import { ZUpdateWebhookInput } from "@/lib/validation/webhooks";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { getWebhook } from "@/lib/webhooks/list-webhooks";
import { updateWebhook } from "@/lib/webhooks/update-webhook";

export const dynamic = "force-dynamic";

/** One endpoint (signed-in admins). */
export const GET = authedRoute(async ({ actor, params }) =>
  json(await getWebhook({ actor, slug: params.team!, webhookId: params.id! })),
);

/** Edits an endpoint, or disables / enables it (`enabled`). */
export const PATCH = authedRoute(async ({ req, actor, params }) => {
  const input = await readJson(req, ZUpdateWebhookInput, 16 * 1024);
  return json(await updateWebhook({ actor, slug: params.team!, webhookId: params.id!, input }));
});

/** Deletes an endpoint and its delivery log. */
export const DELETE = authedRoute(async ({ actor, params }) => {
  await deleteWebhook({ actor, slug: params.team!, webhookId: params.id! });
  return new Response(null, { status: 204 });
});
