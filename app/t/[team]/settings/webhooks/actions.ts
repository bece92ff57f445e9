"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionResult, type FormActionState, runAction } from "@/lib/actions/run-action.ts";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { parseIdOrNotFound, ZBoundSlug } from "@/lib/validation/teams.ts";
import { ZCreateWebhookInput } from "@/lib/validation/webhooks.ts";
import { createWebhook } from "@/lib/webhooks/create-webhook.ts";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook.ts";
import { redeliverDelivery } from "@/lib/webhooks/redeliver-delivery.ts";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret.ts";
import { sendTestEvent } from "@/lib/webhooks/send-test-event.ts";
import { updateWebhook } from "@/lib/webhooks/update-webhook.ts";

/** The signing secret of a new or rotated endpoint, shown this once. */
export interface WebhookSecret {
  label: string;
  value: string;
}

const ZUuid = z.uuid();

function webhooksPath(slug: string): string {
  return `/t/${slug}/settings/webhooks`;
}

/**
 * Ends a plain form's action (no JavaScript needed): back to the page, with the refusal in
 * `?error=` for the page to show.
 */
function backTo(path: string, result: ActionResult<unknown>): never {
  if (result.ok) {
    revalidatePath(path);
    redirect(path);
  }
  redirect(`${path}?error=${encodeURIComponent(result.error)}`);
}

/** Registers an endpoint; its secret goes back to the form this once (never logged). */
export async function createWebhookAction(
  team: string,
  _previous: FormActionState<WebhookSecret>,
  form: FormData,
): Promise<ActionResult<WebhookSecret>> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(webhooksPath(slug));
  return runAction(
    async () => {
      const description = String(form.get("description") ?? "");
      const input = ZCreateWebhookInput.parse({
        url: form.get("url"),
        events: form.getAll("events"),
        format: form.get("format") || undefined,
        ...(description ? { description } : {}),
      });
      const created = await createWebhook({ actor: user, slug, input });
      return { label: `Signing secret of ${created.url}`, value: created.secret };
    },
    { revalidate: webhooksPath(slug) },
  );
}

/** A new signing secret, shown once; the old one keeps signing for 24 hours. */
export async function rotateWebhookSecretAction(
  team: string,
  webhookId: string,
  _previous: FormActionState<WebhookSecret>,
): Promise<ActionResult<WebhookSecret>> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(webhooksPath(slug));
  return runAction(
    async () => {
      const rotated = await rotateWebhookSecret({
        actor: user,
        slug,
        webhookId: parseIdOrNotFound(webhookId, "Webhook"),
      });
      return { label: `New signing secret of ${rotated.url}`, value: rotated.secret };
    },
    { revalidate: webhooksPath(slug) },
  );
}

/** Disables or enables an endpoint (a plain form: works before JavaScript). */
export async function setWebhookEnabledAction(
  team: string,
  webhookId: string,
  enabled: boolean,
): Promise<void> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(webhooksPath(slug));
  const result = await runAction(() =>
    updateWebhook({
      actor: user,
      slug,
      webhookId: parseIdOrNotFound(webhookId, "Webhook"),
      input: { enabled: z.boolean().parse(enabled) },
    }),
  );
  backTo(webhooksPath(slug), result);
}

/** Queues a test delivery (a plain form). */
export async function sendTestEventAction(team: string, webhookId: string): Promise<void> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(webhooksPath(slug));
  const result = await runAction(() =>
    sendTestEvent({ actor: user, slug, webhookId: parseIdOrNotFound(webhookId, "Webhook") }),
  );
  if (result.ok) revalidatePath(`${webhooksPath(slug)}/${webhookId}`);
  backTo(webhooksPath(slug), result);
}

/** Deletes an endpoint with its log. */
export async function deleteWebhookAction(
  team: string,
  webhookId: string,
  _previous: FormActionState,
): Promise<ActionResult> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(webhooksPath(slug));
  return runAction(
    async () => {
      await deleteWebhook({ actor: user, slug, webhookId: parseIdOrNotFound(webhookId, "Webhook") });
      return null;
    },
    { revalidate: webhooksPath(slug) },
  );
}

/** Sends a settled delivery again (a plain form). */
export async function redeliverAction(team: string, webhookId: string, deliveryId: string): Promise<void> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(webhooksPath(slug));
  const result = await runAction(() =>
    redeliverDelivery({
      actor: user,
      slug,
      webhookId: parseIdOrNotFound(webhookId, "Webhook"),
      deliveryId: parseIdOrNotFound(deliveryId, "Delivery"),
    }),
  );
  // Back to the endpoint's log; an id that is not one goes back to the list.
  const log = ZUuid.safeParse(webhookId);
  backTo(log.success ? `${webhooksPath(slug)}/${log.data}` : webhooksPath(slug), result);
}
