"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { requestTeamLinkChecks } from "@/lib/evidence/snapshots/request-link-check";

// Bound arguments come back from the browser, so they are checked like any other input.
const ZSlug = z.string().min(1).max(100);

/** "Check all sources now" from the sources view's plain form; the page shows how many were asked for. */
export async function checkAllSourcesAction(team: string): Promise<void> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(`/t/${slug}/evidence`);
  const result = await runAction(() => requestTeamLinkChecks({ actor: user, teamSlug: slug }));
  const query = result.ok ? `checked=${result.data.requested}` : `error=${encodeURIComponent(result.error)}`;
  redirect(`/t/${encodeURIComponent(slug)}/evidence?${query}`);
}
