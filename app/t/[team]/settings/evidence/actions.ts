"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { updateEvidenceSettings } from "@/lib/evidence/snapshots/evidence-settings";

// Bound arguments come back from the browser, so they are checked like any other input.
const ZSlug = z.string().min(1).max(100);

/** Saves the schedules from their plain form ("off" or a number each); the page shows the outcome. */
export async function saveEvidenceSettingsAction(team: string, form: FormData): Promise<void> {
  const slug = ZSlug.parse(team);
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
