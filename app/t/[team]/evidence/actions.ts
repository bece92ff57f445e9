"use server";

import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions/run-action";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { requestTeamLinkChecks } from "@/lib/evidence/snapshots/request-link-check";
import { ZBoundSlug } from "@/lib/validation/teams.ts";

/** "Check all sources now" from the sources view's plain form; the page shows how many were asked for. */
export async function checkAllSourcesAction(team: string): Promise<void> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(`/t/${slug}/evidence`);
  const result = await runAction(() => requestTeamLinkChecks({ actor: user, teamSlug: slug }));
  const query = result.ok ? `checked=${result.data.requested}` : `error=${encodeURIComponent(result.error)}`;
  redirect(`/t/${encodeURIComponent(slug)}/evidence?${query}`);
}
