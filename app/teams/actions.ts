"use server";

import { redirect } from "next/navigation";
import { type ActionResult, type FormActionState, runAction } from "@/lib/actions/run-action.ts";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { createTeam } from "@/lib/teams/create-team.ts";
import { ZCreateTeamInput } from "@/lib/validation/teams.ts";

/** Creates a team from the form and opens it; a refusal comes back with what was typed. */
export async function createTeamAction(_previous: FormActionState, form: FormData): Promise<ActionResult> {
  const user = await requireCurrentUser("/teams");
  const values = { slug: String(form.get("slug") ?? ""), name: String(form.get("name") ?? "") };
  const result = await runAction(() => createTeam({ actor: user, input: ZCreateTeamInput.parse(values) }), {
    values,
  });
  if (!result.ok) return result;
  redirect(`/t/${result.data.slug}`);
}
