"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { actionErrorMessage } from "@/lib/teams/action-error-message.ts";
import { parseIdOrNotFound } from "@/lib/validation/teams.ts";
import { ZCreateWebhookInput } from "@/lib/validation/webhooks.ts";
import { createWebhook } from "@/lib/webhooks/create-webhook.ts";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook.ts";
import { redeliverDelivery } from "@/lib/webhooks/redeliver-delivery.ts";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret.ts";
import { sendTestEvent } from "@/lib/webhooks/send-test-event.ts";
import { updateWebhook } from "@/lib/webhooks/update-webhook.ts";

export interface WebhookFormState {
  error: string | null;
  /** The signing secret of a new or rotated endpoint, shown this once. */
  secret?: { label: string; value: string };
}

const ZSlug = z.string().min(1).max(100);

function webhooksPath(slug: string): string {
  return `/t/${slug}/settings/webhooks`;
}

/** Registers an endpoint; its secret goes back to the form this once (never logged). */
export async function createWebhookAction(
  team: string,
  _previous: WebhookFormState,
  form: FormData,
): Promise<WebhookFormState> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(webhooksPath(slug));
  try {
    const description = String(form.get("description") ?? "");
    const input = ZCreateWebhookInput.parse({
      url: form.get("url"),
      events: form.getAll("events"),
      format: form.get("format") || undefined,
      ...(description ? { description } : {}),
    });
    const created = await createWebhook({ actor: user, slug, input });
    revalidatePath(webhooksPath(slug));
    return { error: null, secret: { label: `Signing secret of ${created.url}`, value: created.secret } };
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
}

/** A new signing secret, shown once; the old one keeps signing for 24 hours. */
export async function rotateWebhookSecretAction(
  team: string,
  webhookId: string,
  _previous: WebhookFormState,
): Promise<WebhookFormState> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(webhooksPath(slug));
  try {
    const rotated = await rotateWebhookSecret({
      actor: user,
      slug,
      webhookId: parseIdOrNotFound(webhookId, "Webhook"),
    });
    revalidatePath(webhooksPath(slug));
    return { error: null, secret: { label: `New signing secret of ${rotated.url}`, value: rotated.secret } };
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
}

/** Disables or enables an endpoint (a plain form: works before JavaScript). */
export async function setWebhookEnabledAction(
  team: string,
  webhookId: string,
  enabled: boolean,
): Promise<void> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(webhooksPath(slug));
  await updateWebhook({
    actor: user,
    slug,
    webhookId: parseIdOrNotFound(webhookId, "Webhook"),
    input: { enabled },
  });
  revalidatePath(webhooksPath(slug));
}

/** Queues a test delivery (a plain form). */
export async function sendTestEventAction(team: string, webhookId: string): Promise<void> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(webhooksPath(slug));
  await sendTestEvent({ actor: user, slug, webhookId: parseIdOrNotFound(webhookId, "Webhook") });
  revalidatePath(`${webhooksPath(slug)}/${webhookId}`);
}

/** Deletes an endpoint with its log. */
export async function deleteWebhookAction(
  team: string,
  webhookId: string,
  _previous: { error: string | null },
): Promise<{ error: string | null }> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(webhooksPath(slug));
  try {
    await deleteWebhook({ actor: user, slug, webhookId: parseIdOrNotFound(webhookId, "Webhook") });
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  revalidatePath(webhooksPath(slug));
  return { error: null };
}

/** Sends a settled delivery again (a plain form). */
export async function redeliverAction(team: string, webhookId: string, deliveryId: string): Promise<void> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(webhooksPath(slug));
  await redeliverDelivery({
    actor: user,
    slug,
    webhookId: parseIdOrNotFound(webhookId, "Webhook"),
    deliveryId: parseIdOrNotFound(deliveryId, "Delivery"),
  });
  revalidatePath(`${webhooksPath(slug)}/${webhookId}`);
}
