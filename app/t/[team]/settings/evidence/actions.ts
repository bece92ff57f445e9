"use server";

import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions/run-action";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { updateEvidenceSettings } from "@/lib/evidence/snapshots/evidence-settings";
import { ZBoundSlug } from "@/lib/validation/teams.ts";

/** Saves the schedules from their plain form ("off" or a number each); the page shows the outcome. */
export async function saveEvidenceSettingsAction(team: string, form: FormData): Promise<void> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(`/t/${slug}/settings/evidence`);
  const days = (name: string) => {
    const value = form.get(name);
    return value === "off" || value === null ? null : Number(value);
  };
  const result = await runAction(() =>
    updateEvidenceSettings({
      actor: user,
      teamSlug: slug,
      input: {
        linkCheckIntervalDays: days("linkCheckIntervalDays"),
        articleRecheckIntervalHours: days("articleRecheckIntervalHours"),
        articleRecheckWindowDays: days("articleRecheckWindowDays") ?? undefined,
        waybackSave: form.get("waybackSave") === "on",
      },
    }),
  );
  const query = result.ok ? "saved=1" : `error=${encodeURIComponent(result.error)}`;
  redirect(`/t/${encodeURIComponent(slug)}/settings/evidence?${query}`);
}
