import type { Metadata } from "next";
import { ConfirmActionForm } from "@/components/teams/confirm-action-form";
import { InviteForm } from "@/components/teams/invite-form";
import { RoleForm } from "@/components/teams/role-form";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeading } from "@/components/ui/page-heading";
import { SettingsTable } from "@/components/ui/settings-table";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { orNotFound } from "@/lib/pages/team-page";
import { can } from "@/lib/policies/team.ts";
import { getTeamAccessOrThrow } from "@/lib/teams/access.ts";
import { listInvites } from "@/lib/teams/list-invites.ts";
import { listMembers } from "@/lib/teams/list-members.ts";
import {
  changeRoleAction,
  createInviteAction,
  leaveTeamAction,
  removeMemberAction,
  revokeInviteAction,
} from "./actions.ts";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

export default async function MembersPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const user = await requireCurrentUser(`/t/${slug}/settings/members`);
  const access = await orNotFound(getTeamAccessOrThrow(user, { slug }));
  const isAdmin = can(access, "member.manage");
  const [members, invites] = await Promise.all([
    orNotFound(listMembers({ actor: user, slug })),
    isAdmin ? orNotFound(listInvites({ actor: user, slug })) : Promise.resolve([]),
  ]);
  const pending = invites.filter((invite) => invite.status === "pending");

  return (
    <div className="space-y-8">
      <PageHeading title={<>Members of {access.team.name}</>}>
        {isAdmin
          ? "As an admin you can change roles, remove members and invite people."
          : "Only team admins can change roles or invite people."}
      </PageHeading>

      <Card title={`Members (${members.length})`}>
        <SettingsTable
          columns={["Name", "Email", "Role"]}
          last={isAdmin ? <span className="sr-only">Actions</span> : undefined}
        >
          {members.map((member) => (
            <tr key={member.userId} className="align-top">
              <td className="py-3 pr-4 font-medium text-gray-900">
                {member.name}
                {member.userId === user.userId && <span className="ml-1 text-gray-600">(you)</span>}
              </td>
              <td className="py-3 pr-4 text-gray-700">{member.email}</td>
              <td className="py-3 pr-4">
                {isAdmin ? (
                  <RoleForm
                    action={changeRoleAction.bind(null, slug, member.userId)}
                    role={member.role}
                    memberId={member.userId}
                    memberName={member.name}
                  />
                ) : (
                  <span className="text-gray-800">{member.role}</span>
                )}
              </td>
              {isAdmin && (
                <td className="py-3">
                  {member.userId !== user.userId && (
                    <ConfirmActionForm
                      action={removeMemberAction.bind(null, slug, member.userId)}
                      label={`Remove ${member.name}`}
                      confirmLabel="Remove"
                      question={`Remove ${member.name} from the team?`}
                    />
                  )}
                </td>
              )}
            </tr>
          ))}
        </SettingsTable>
      </Card>

      {isAdmin && (
        <Card title="Invite people">
          <InviteForm action={createInviteAction.bind(null, slug)} />
          <h3 className="mt-8 mb-2 text-sm font-semibold text-gray-900">
            Open invite links ({pending.length})
          </h3>
          {pending.length === 0 ? (
            <p className="text-sm text-gray-700">No open invite links.</p>
          ) : (
            <ul className="divide-y divide-gray-200">
              {pending.map((invite) => (
                <li
                  key={invite.id}
                  className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm"
                >
                  <div>
                    <p className="font-medium text-gray-900">
                      {invite.role}
                      {invite.email ? ` · for ${invite.email}` : " · anyone with the link"}
                    </p>
                    <p className="text-gray-700">
                      Created by {invite.createdBy.name}, expires{" "}
                      <LocalTime value={invite.expiresAt} style="relative" />
                    </p>
                  </div>
                  <ConfirmActionForm
                    action={revokeInviteAction.bind(null, slug, invite.id)}
                    label="Revoke"
                    confirmLabel="Revoke link"
                    question="Revoke this invite link?"
                  />
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}

      <Card title="Leave the team">
        <p className="mb-3 text-sm text-gray-700">
          You will lose access to its articles at once. A team's only admin cannot leave.
        </p>
        <ConfirmActionForm
          action={leaveTeamAction.bind(null, slug)}
          label={`Leave ${access.team.name}`}
          confirmLabel="Leave"
          question="Leave this team?"
        />
      </Card>
    </div>
  );
}
