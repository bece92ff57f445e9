"use server";

import { redirect } from "next/navigation";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { actionErrorMessage } from "@/lib/teams/action-error-message.ts";
import { createTeam } from "@/lib/teams/create-team.ts";
import { ZCreateTeamInput } from "@/lib/validation/teams.ts";

export interface CreateTeamState {
  error: string | null;
  values?: { slug: string; name: string };
}

/** Creates a team from the form and opens it. */
export async function createTeamAction(_previous: CreateTeamState, form: FormData): Promise<CreateTeamState> {
  const user = await requireCurrentUser("/teams");
  const values = { slug: String(form.get("slug") ?? ""), name: String(form.get("name") ?? "") };
  let slug: string;
  try {
    const team = await createTeam({ actor: user, input: ZCreateTeamInput.parse(values) });
    slug = team.slug;
  } catch (error) {
    return { error: actionErrorMessage(error), values };
  }
  redirect(`/t/${slug}`);
}
