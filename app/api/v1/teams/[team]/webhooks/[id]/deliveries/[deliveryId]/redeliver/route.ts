import { authedRoute, json } from "@/lib/api/route";
import { redeliverDelivery } from "@/lib/webhooks/redeliver-delivery";

export const dynamic = "force-dynamic";

/** Sends a settled delivery again with a fresh retry schedule (202). */
export const POST = authedRoute(async ({ actor, params }) =>
  json(
    await redeliverDelivery({
      actor,
      slug: params.team!,
      webhookId: params.id!,
      deliveryId: params.deliveryId!,
    }),
    202,
  ),
);
