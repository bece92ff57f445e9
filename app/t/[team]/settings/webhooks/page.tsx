import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmActionForm } from "@/components/teams/confirm-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeading, PageNotAllowed } from "@/components/ui/page-heading";
import { CreateWebhookForm, RotateSecretForm } from "@/components/webhooks/create-webhook-form";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { EVENT_TYPES } from "@/lib/events/event-types.ts";
import { orNotFound, type TeamPageProps } from "@/lib/pages/team-page";
import { can } from "@/lib/policies/team.ts";
import { getTeamAccessOrThrow } from "@/lib/teams/access.ts";
import { listWebhooks } from "@/lib/webhooks/list-webhooks.ts";
import {
  createWebhookAction,
  deleteWebhookAction,
  rotateWebhookSecretAction,
  sendTestEventAction,
  setWebhookEnabledAction,
} from "./actions.ts";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage({ params, searchParams }: TeamPageProps) {
  const { team: slug } = await params;
  const { error } = await searchParams;
  const user = await requireCurrentUser(`/t/${slug}/settings/webhooks`);
  const access = await orNotFound(getTeamAccessOrThrow(user, { slug }));

  if (!can(access, "webhook.manage")) {
    return (
      <PageNotAllowed title="Webhooks">
        403: only admins of {access.team.name} can manage webhooks.
      </PageNotAllowed>
    );
  }

  const webhooks = await orNotFound(listWebhooks({ actor: user, slug }));
  return (
    <div className="space-y-8">
      <PageHeading title="Webhooks" narrow>
        Proofmark posts {access.team.name}'s changes to these URLs as they happen, signed by the Standard
        Webhooks specification, and retries for about three days. Scripts can also pull the same events from{" "}
        <code className="rounded bg-gray-100 px-1">GET /api/v1/teams/{slug}/events</code>.
      </PageHeading>

      {typeof error === "string" && <Alert>{error.slice(0, 500)}</Alert>}

      <Card title="Add an endpoint">
        <CreateWebhookForm action={createWebhookAction.bind(null, slug)} eventTypes={EVENT_TYPES} />
      </Card>

      <Card title={`Endpoints (${webhooks.length})`}>
        {webhooks.length === 0 ? (
          <p className="text-sm text-gray-700">No endpoints yet.</p>
        ) : (
          <ul className="divide-y divide-gray-200">
            {webhooks.map((webhook) => (
              <li key={webhook.id} className="space-y-3 py-4">
                <div className="min-w-0">
                  <p className="break-all font-mono text-sm font-medium text-gray-900">{webhook.url}</p>
                  {webhook.description && <p className="text-sm text-gray-700">{webhook.description}</p>}
                  <p className="text-sm text-gray-700">
                    {webhook.format === "slack" ? "Slack message" : "Standard Webhooks"} ·{" "}
                    <span className="font-mono">{webhook.events.join(", ")}</span>
                  </p>
                  {webhook.enabled ? (
                    <p className="text-sm text-green-800">Enabled</p>
                  ) : (
                    <p className="text-sm text-red-800">
                      Disabled: {webhook.disabledReason ?? "by an admin"}
                    </p>
                  )}
                  {webhook.previousSecretExpiresAt && (
                    <p className="text-sm text-gray-700">
                      The previous secret also signs until{" "}
                      {webhook.previousSecretExpiresAt.replace("T", " ").slice(0, 16)} UTC.
                    </p>
                  )}
                </div>
                <div className="flex flex-wrap items-start gap-2">
                  <Link
                    href={`/t/${slug}/settings/webhooks/${webhook.id}`}
                    className="inline-flex items-center rounded-md px-3.5 py-2 text-sm font-medium text-blue-800 underline"
                  >
                    Delivery log<span className="sr-only"> of {webhook.url}</span>
                  </Link>
                  {webhook.enabled && (
                    <form action={sendTestEventAction.bind(null, slug, webhook.id)} method="post">
                      <Button type="submit" variant="secondary">
                        Send test event<span className="sr-only"> to {webhook.url}</span>
                      </Button>
                    </form>
                  )}
                  <form
                    action={setWebhookEnabledAction.bind(null, slug, webhook.id, !webhook.enabled)}
                    method="post"
                  >
                    <Button type="submit" variant="secondary">
                      {webhook.enabled ? "Disable" : "Enable"}
                      <span className="sr-only"> {webhook.url}</span>
                    </Button>
                  </form>
                  <RotateSecretForm
                    action={rotateWebhookSecretAction.bind(null, slug, webhook.id)}
                    label={`Rotate the secret of ${webhook.url}`}
                  />
                  <ConfirmActionForm
                    action={deleteWebhookAction.bind(null, slug, webhook.id)}
                    label={`Delete ${webhook.url}`}
                    confirmLabel="Delete now"
                    question="Its delivery log goes too."
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
