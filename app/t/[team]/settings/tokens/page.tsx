import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ConfirmActionForm } from "@/components/teams/confirm-action-form";
import { CreateTokenForm } from "@/components/teams/create-token-form";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeading, PageNotAllowed } from "@/components/ui/page-heading";
import { SettingsTable } from "@/components/ui/settings-table";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { orNotFound } from "@/lib/pages/team-page";
import { can } from "@/lib/policies/team.ts";
import { getTeamAccessOrThrow } from "@/lib/teams/access.ts";
import { listTokens } from "@/lib/tokens/list-tokens.ts";
import { createTokenAction, revokeTokenAction } from "./actions.ts";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

function when(value: string | null, otherwise: string): ReactNode {
  return value ? <LocalTime value={value} style="datetime" /> : otherwise;
}

export default async function TokensPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const user = await requireCurrentUser(`/t/${slug}/settings/tokens`);
  const access = await orNotFound(getTeamAccessOrThrow(user, { slug }));

  if (!can(access, "token.manage")) {
    return (
      <PageNotAllowed title="API tokens">
        403: only admins of {access.team.name} can create or revoke API tokens. Ask an admin if a script of
        yours needs one.
      </PageNotAllowed>
    );
  }

  const tokens = await orNotFound(listTokens({ actor: user, slug }));
  const now = Date.now();
  return (
    <div className="space-y-8">
      <PageHeading title="API tokens" narrow>
        Tokens let scripts use the API for {access.team.name} only. Send one as{" "}
        <code className="rounded bg-gray-100 px-1">Authorization: Bearer pm_…</code>. See the{" "}
        <a href="/api/v1/openapi.json" className="text-blue-800 underline">
          OpenAPI description
        </a>
        .
      </PageHeading>

      <Card title="Create a token">
        <CreateTokenForm action={createTokenAction.bind(null, slug)} />
      </Card>

      <Card title={`Tokens (${tokens.length})`}>
        {tokens.length === 0 ? (
          <p className="text-sm text-gray-700">No tokens yet.</p>
        ) : (
          <SettingsTable columns={["Name", "Token", "Scopes", "Created", "Last used"]} last="Status">
            {tokens.map((token) => {
              const expired = token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now;
              return (
                <tr key={token.id} className="align-top">
                  <td className="py-3 pr-4 font-medium text-gray-900">{token.name}</td>
                  <td className="py-3 pr-4 font-mono text-gray-800">{token.prefix}</td>
                  <td className="py-3 pr-4 text-gray-800">{token.scopes.join(", ")}</td>
                  <td className="py-3 pr-4 text-gray-700">
                    {when(token.createdAt, "")}
                    <br />
                    by {token.createdBy.name}
                  </td>
                  <td className="py-3 pr-4 text-gray-700">{when(token.lastUsedAt, "Never")}</td>
                  <td className="py-3">
                    {token.revokedAt ? (
                      <span className="text-gray-700">Revoked {when(token.revokedAt, "")}</span>
                    ) : expired ? (
                      <span className="text-gray-700">Expired {when(token.expiresAt, "")}</span>
                    ) : (
                      <div className="space-y-1">
                        <p className="text-green-800">
                          Active{token.expiresAt ? <>, expires {when(token.expiresAt, "")}</> : ""}
                        </p>
                        <ConfirmActionForm
                          action={revokeTokenAction.bind(null, slug, token.id)}
                          label={`Revoke ${token.name}`}
                          confirmLabel="Revoke now"
                          question="Scripts using it will stop working at once."
                        />
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </SettingsTable>
        )}
      </Card>
    </div>
  );
}
