"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { updatePublicProfile } from "@/lib/publications/update-public-profile.ts";
import { actionErrorMessage } from "@/lib/teams/action-error-message.ts";
import { readRatingScaleForm } from "@/lib/validation/verdicts.ts";
import { updateRatingScale } from "@/lib/verdicts/update-rating-scale.ts";

// Bound arguments come back from the browser, so they are checked like any other input.
const ZSlug = z.string().min(1).max(100);

function settingsPath(slug: string, query: string): string {
  return `/t/${encodeURIComponent(slug)}/settings/verdicts?${query}`;
}

/** Saves the rating scale from the editor's plain form; the page shows the outcome. */
export async function saveRatingScaleAction(team: string, form: FormData): Promise<void> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(`/t/${slug}/settings/verdicts`);
  let query = "saved=scale";
  try {
    await updateRatingScale({ actor: user, teamSlug: slug, input: readRatingScaleForm(form) });
  } catch (error) {
    query = `error=${encodeURIComponent(actionErrorMessage(error))}`;
  }
  redirect(settingsPath(slug, query));
}

/** Saves the team's public profile (organisation name, URL, credits) from its plain form. */
export async function savePublicProfileAction(team: string, form: FormData): Promise<void> {
  const slug = ZSlug.parse(team);
  const user = await requireCurrentUser(`/t/${slug}/settings/verdicts`);
  let query = "saved=profile";
  try {
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    await updatePublicProfile({
      actor: user,
      teamSlug: slug,
      input: {
        organizationName: text("organizationName"),
        organizationUrl: text("organizationUrl"),
        showCredits: form.get("showCredits") === "on",
      },
    });
  } catch (error) {
    query = `error=${encodeURIComponent(actionErrorMessage(error))}`;
  }
  redirect(settingsPath(slug, query));
}
