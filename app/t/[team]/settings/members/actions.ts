"use server";

import { redirect } from "next/navigation";
import { type ActionResult, type FormActionState, runAction } from "@/lib/actions/run-action.ts";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { changeMemberRole } from "@/lib/teams/change-member-role.ts";
import { createInvite } from "@/lib/teams/create-invite.ts";
import { leaveTeam } from "@/lib/teams/leave-team.ts";
import { removeMember } from "@/lib/teams/remove-member.ts";
import { revokeInvite } from "@/lib/teams/revoke-invite.ts";
import {
  parseIdOrNotFound,
  ZBoundSlug,
  ZChangeMemberRoleInput,
  ZCreateInviteInput,
} from "@/lib/validation/teams.ts";

/** A new invite link as the form shows it, once. */
export interface CreatedInviteLink {
  path: string;
  role: string;
  expiresAt: string;
  email: string | null;
}

function membersPath(slug: string): string {
  return `/t/${slug}/settings/members`;
}

/** Changes a member's role. */
export async function changeRoleAction(
  team: string,
  userId: string,
  _previous: FormActionState,
  form: FormData,
): Promise<ActionResult> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(membersPath(slug));
  return runAction(
    async () => {
      const { role } = ZChangeMemberRoleInput.parse({ role: form.get("role") });
      await changeMemberRole({ actor: user, slug, userId: parseIdOrNotFound(userId, "Member"), role });
      return null;
    },
    { revalidate: membersPath(slug) },
  );
}

/** Removes a member from the team. */
export async function removeMemberAction(
  team: string,
  userId: string,
  _previous: FormActionState,
): Promise<ActionResult> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(membersPath(slug));
  return runAction(
    async () => {
      await removeMember({ actor: user, slug, userId: parseIdOrNotFound(userId, "Member") });
      return null;
    },
    { revalidate: membersPath(slug) },
  );
}

/** The signed-in user leaves the team and goes back to their teams. */
export async function leaveTeamAction(team: string, _previous: FormActionState): Promise<ActionResult> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(membersPath(slug));
  const result = await runAction(() => leaveTeam({ actor: user, slug }));
  if (!result.ok) return result;
  redirect("/teams");
}

/** Creates an invite link; the link is returned to the form once. */
export async function createInviteAction(
  team: string,
  _previous: FormActionState<CreatedInviteLink>,
  form: FormData,
): Promise<ActionResult<CreatedInviteLink>> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(membersPath(slug));
  return runAction(
    async () => {
      const email = String(form.get("email") ?? "").trim();
      const input = ZCreateInviteInput.parse({
        role: form.get("role"),
        expiresInHours: Number(form.get("expiresInHours") ?? 168),
        ...(email ? { email } : {}),
      });
      const invite = await createInvite({ actor: user, slug, input });
      return { path: invite.path, role: invite.role, expiresAt: invite.expiresAt, email: invite.email };
    },
    { revalidate: membersPath(slug) },
  );
}

/** Revokes an invite link. */
export async function revokeInviteAction(
  team: string,
  inviteId: string,
  _previous: FormActionState,
): Promise<ActionResult> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(membersPath(slug));
  return runAction(
    async () => {
      await revokeInvite({ actor: user, slug, inviteId: parseIdOrNotFound(inviteId, "Invite") });
      return null;
    },
    { revalidate: membersPath(slug) },
  );
}
