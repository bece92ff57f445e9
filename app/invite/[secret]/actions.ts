"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { acceptInvite } from "@/lib/teams/accept-invite.ts";
import { actionErrorMessage } from "@/lib/teams/action-error-message.ts";

export interface AcceptState {
  error: string | null;
}

/** Accepts the invite for the signed-in user and opens the team. */
export async function acceptInviteAction(secret: string, _previous: AcceptState): Promise<AcceptState> {
  const value = z.string().max(200).parse(secret);
  const user = await requireCurrentUser(`/invite/${value}`);
  let slug: string;
  try {
    const result = await acceptInvite({ actor: user, secret: value });
    slug = result.team.slug;
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  redirect(`/t/${slug}`);
}
