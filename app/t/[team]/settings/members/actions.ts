"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { actionErrorMessage } from "@/lib/teams/action-error-message.ts";
import { changeMemberRole } from "@/lib/teams/change-member-role.ts";
import { createInvite } from "@/lib/teams/create-invite.ts";
import { leaveTeam } from "@/lib/teams/leave-team.ts";
import { removeMember } from "@/lib/teams/remove-member.ts";
import { revokeInvite } from "@/lib/teams/revoke-invite.ts";
import { parseIdOrNotFound, ZChangeMemberRoleInput, ZCreateInviteInput } from "@/lib/validation/teams.ts";

export interface FormState {
  error: string | null;
  saved?: boolean;
}

export interface InviteState extends FormState {
  created?: { path: string; role: string; expiresAt: string; email: string | null };
}

// Bound arguments come back from the browser, so they are checked like any other input.
const ZSlug = z.string().min(1).max(100);

function membersPath(slug: string): string {
  return `/t/${slug}/settings/members`;
}

/** Changes a member's role. */
export async function changeRoleAction(
  team: string,
  userId: string,
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(membersPath(slug));
  try {
    const { role } = ZChangeMemberRoleInput.parse({ role: form.get("role") });
    await changeMemberRole({ actor: user, slug, userId: parseIdOrNotFound(userId, "Member"), role });
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  revalidatePath(membersPath(slug));
  return { error: null, saved: true };
}

/** Removes a member from the team. */
export async function removeMemberAction(
  team: string,
  userId: string,
  _previous: FormState,
): Promise<FormState> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(membersPath(slug));
  try {
    await removeMember({ actor: user, slug, userId: parseIdOrNotFound(userId, "Member") });
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  revalidatePath(membersPath(slug));
  return { error: null };
}

/** The signed-in user leaves the team and goes back to their teams. */
export async function leaveTeamAction(team: string, _previous: FormState): Promise<FormState> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(membersPath(slug));
  try {
    await leaveTeam({ actor: user, slug });
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  redirect("/teams");
}

/** Creates an invite link; the link is returned to the form once. */
export async function createInviteAction(
  team: string,
  _previous: InviteState,
  form: FormData,
): Promise<InviteState> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(membersPath(slug));
  try {
    const email = String(form.get("email") ?? "").trim();
    const input = ZCreateInviteInput.parse({
      role: form.get("role"),
      expiresInHours: Number(form.get("expiresInHours") ?? 168),
      ...(email ? { email } : {}),
    });
    const invite = await createInvite({ actor: user, slug, input });
    revalidatePath(membersPath(slug));
    return {
      error: null,
      created: { path: invite.path, role: invite.role, expiresAt: invite.expiresAt, email: invite.email },
    };
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
}

/** Revokes an invite link. */
export async function revokeInviteAction(
  team: string,
  inviteId: string,
  _previous: FormState,
): Promise<FormState> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(membersPath(slug));
  try {
    await revokeInvite({ actor: user, slug, inviteId: parseIdOrNotFound(inviteId, "Invite") });
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  revalidatePath(membersPath(slug));
  return { error: null };
}
