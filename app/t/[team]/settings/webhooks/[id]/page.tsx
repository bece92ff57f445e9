import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageNotAllowed } from "@/components/ui/page-heading";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { orNotFound } from "@/lib/pages/team-page";
import { can } from "@/lib/policies/team.ts";
import { getTeamAccessOrThrow } from "@/lib/teams/access.ts";
import { listDeliveries } from "@/lib/webhooks/list-deliveries.ts";
import { getWebhook } from "@/lib/webhooks/list-webhooks.ts";
import { redeliverAction } from "../actions.ts";

export const metadata: Metadata = { title: "Webhook deliveries" };
export const dynamic = "force-dynamic";

function when(value: string | null): string {
  return value ? `${value.replace("T", " ").slice(0, 19)} UTC` : "–";
}

export default async function WebhookDeliveriesPage({
  params,
  searchParams,
}: {
  params: Promise<{ team: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { team: slug, id } = await params;
  const { error } = await searchParams;
  const user = await requireCurrentUser(`/t/${slug}/settings/webhooks/${id}`);
  const access = await orNotFound(getTeamAccessOrThrow(user, { slug }));
  if (!can(access, "webhook.manage")) {
    return (
      <PageNotAllowed title="Webhook deliveries">
        403: only admins of {access.team.name} can see webhook deliveries.
      </PageNotAllowed>
    );
  }
  const webhook = await orNotFound(getWebhook({ actor: user, slug, webhookId: id }));
  const { deliveries } = await orNotFound(listDeliveries({ actor: user, slug, webhookId: id, query: {} }));
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={`/t/${slug}/settings/webhooks`} className="text-blue-800 underline">
            Webhooks
          </Link>
        </p>
        <h1 className="text-2xl font-semibold text-gray-900">Deliveries</h1>
        <p className="break-all font-mono text-sm text-gray-800">{webhook.url}</p>
      </div>
      {typeof error === "string" && <Alert>{error.slice(0, 500)}</Alert>}
      <Card title={`Latest deliveries (${deliveries.length})`}>
        {deliveries.length === 0 ? (
          <p className="text-sm text-gray-700">Nothing delivered yet.</p>
        ) : (
          <ul className="divide-y divide-gray-200">
            {deliveries.map((delivery) => (
              <li key={delivery.id} className="space-y-2 py-4">
                <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
                  <span className="font-mono font-medium text-gray-900">{delivery.eventType}</span>
                  <span className="text-gray-700">{delivery.eventId}</span>
                  <span
                    className={
                      delivery.status === "succeeded"
                        ? "text-green-800"
                        : delivery.status === "failed"
                          ? "text-red-800"
                          : "text-gray-800"
                    }
                  >
                    {delivery.status}
                  </span>
                  {delivery.nextAttemptAt && delivery.status === "pending" && (
                    <span className="text-gray-700">next attempt {when(delivery.nextAttemptAt)}</span>
                  )}
                  {delivery.status !== "pending" && webhook.enabled && (
                    <form action={redeliverAction.bind(null, slug, webhook.id, delivery.id)} method="post">
                      <Button type="submit" variant="secondary">
                        Redeliver<span className="sr-only"> {delivery.eventId}</span>
                      </Button>
                    </form>
                  )}
                </div>
                {delivery.attempts.length > 0 && (
                  <div className="overflow-x-auto">
                    <table className="w-full text-left text-sm">
                      <caption className="sr-only">Attempts of {delivery.eventId}</caption>
                      <thead className="text-gray-700">
                        <tr>
                          <th scope="col" className="py-1 pr-3 font-medium">
                            #
                          </th>
                          <th scope="col" className="py-1 pr-3 font-medium">
                            Time
                          </th>
                          <th scope="col" className="py-1 pr-3 font-medium">
                            Status
                          </th>
                          <th scope="col" className="py-1 pr-3 font-medium">
                            Duration
                          </th>
                          <th scope="col" className="py-1 pr-3 font-medium">
                            Response (first 1 KB)
                          </th>
                          <th scope="col" className="py-1 font-medium">
                            Next retry
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {delivery.attempts.map((attempt) => (
                          <tr key={attempt.attempt} className="align-top">
                            <td className="py-1 pr-3">{attempt.attempt}</td>
                            <td className="py-1 pr-3 whitespace-nowrap">{when(attempt.at)}</td>
                            <td className="py-1 pr-3">{attempt.statusCode ?? attempt.error ?? "–"}</td>
                            <td className="py-1 pr-3">{attempt.durationMs} ms</td>
                            <td className="py-1 pr-3">
                              {/* Shown as text: React escapes it, never rendered as HTML. */}
                              <pre className="max-w-md whitespace-pre-wrap break-all font-mono text-xs text-gray-800">
                                {attempt.response || attempt.error || ""}
                              </pre>
                            </td>
                            <td className="py-1 whitespace-nowrap">{when(attempt.nextAttemptAt)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
