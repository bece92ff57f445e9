"use server";

import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions/run-action";
import { teamActionCaller } from "@/lib/actions/team-action.ts";
import { requestTeamLinkChecks } from "@/lib/evidence/snapshots/request-link-check";

/** "Check all sources now" from the sources view's plain form; the page shows how many were asked for. */
export async function checkAllSourcesAction(team: string): Promise<void> {
  const { slug, user } = await teamActionCaller(team, (slug) => `/t/${slug}/evidence`);
  const result = await runAction(() => requestTeamLinkChecks({ actor: user, teamSlug: slug }));
  const query = result.ok ? `checked=${result.data.requested}` : `error=${encodeURIComponent(result.error)}`;
  redirect(`/t/${encodeURIComponent(slug)}/evidence?${query}`);
}
