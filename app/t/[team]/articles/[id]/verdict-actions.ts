"use server";

import { requireCurrentUser } from "@/lib/auth/current-user";
import { actionErrorMessage } from "@/lib/teams/action-error-message";
import { deleteVerdict } from "@/lib/verdicts/delete-verdict";
import { getRatingScale } from "@/lib/verdicts/get-rating-scale";
import type { RatingScaleJson } from "@/lib/verdicts/rating-scale";
import { setVerdict } from "@/lib/verdicts/set-verdict";
import type { VerdictJson } from "@/lib/verdicts/verdict-json";

/** What a verdict action answers: its data, or a message for people. */
export type VerdictActionResult<T> = { ok: true; data: T } | { ok: false; error: string };

async function run<T>(use: () => Promise<T>): Promise<VerdictActionResult<T>> {
  try {
    return { ok: true, data: await use() };
  } catch (error) {
    return { ok: false, error: actionErrorMessage(error) };
  }
}

/** The team's rating scale for the verdict form. */
export async function getRatingScaleAction(team: string): Promise<VerdictActionResult<RatingScaleJson>> {
  const user = await requireCurrentUser();
  return run(() => getRatingScale({ actor: user, teamSlug: String(team) }));
}

/** Gives or changes a verdict (validated by the domain, as for the API). */
export async function setVerdictAction(
  annotationId: string,
  input: unknown,
): Promise<VerdictActionResult<VerdictJson>> {
  const user = await requireCurrentUser();
  return run(
    async () => (await setVerdict({ actor: user, annotationId: String(annotationId), input })).verdict,
  );
}

/** Removes a verdict. */
export async function deleteVerdictAction(annotationId: string): Promise<VerdictActionResult<null>> {
  const user = await requireCurrentUser();
  return run(async () => {
    await deleteVerdict({ actor: user, annotationId: String(annotationId) });
    return null;
  });
}
