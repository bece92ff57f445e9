"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionResult, type FormActionState, runAction } from "@/lib/actions/run-action.ts";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { acceptInvite } from "@/lib/teams/accept-invite.ts";

/** Accepts the invite for the signed-in user and opens the team. */
export async function acceptInviteAction(secret: string, _previous: FormActionState): Promise<ActionResult> {
  const value = z.string().max(200).parse(secret);
  const user = await requireCurrentUser(`/invite/${value}`);
  const result = await runAction(() => acceptInvite({ actor: user, secret: value }));
  if (!result.ok) return result;
  redirect(`/t/${result.data.team.slug}`);
}
