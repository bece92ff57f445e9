"use server";

import { redirect } from "next/navigation";
import { type ActionResult, runAction } from "@/lib/actions/run-action.ts";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { updatePublicProfile } from "@/lib/publications/update-public-profile.ts";
import { ZBoundSlug } from "@/lib/validation/teams.ts";
import { readRatingScaleForm } from "@/lib/validation/verdicts.ts";
import { updateRatingScale } from "@/lib/verdicts/update-rating-scale.ts";

/** Back to the settings page, which shows what was saved or why not (a plain form needs no JavaScript). */
function backToSettings(slug: string, saved: string, result: ActionResult<unknown>): never {
  const query = result.ok ? `saved=${saved}` : `error=${encodeURIComponent(result.error)}`;
  redirect(`/t/${encodeURIComponent(slug)}/settings/verdicts?${query}`);
}

/** Saves the rating scale from the editor's plain form; the page shows the outcome. */
export async function saveRatingScaleAction(team: string, form: FormData): Promise<void> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(`/t/${slug}/settings/verdicts`);
  const result = await runAction(() =>
    updateRatingScale({ actor: user, teamSlug: slug, input: readRatingScaleForm(form) }),
  );
  backToSettings(slug, "scale", result);
}

/** Saves the team's public profile (organisation name, URL, credits) from its plain form. */
export async function savePublicProfileAction(team: string, form: FormData): Promise<void> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(`/t/${slug}/settings/verdicts`);
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const result = await runAction(() =>
    updatePublicProfile({
      actor: user,
      teamSlug: slug,
      input: {
        organizationName: text("organizationName"),
        organizationUrl: text("organizationUrl"),
        showCredits: form.get("showCredits") === "on",
      },
    }),
  );
  backToSettings(slug, "profile", result);
}
