"use server";

import { type ActionResult, runAction } from "@/lib/actions/run-action";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { deleteVerdict } from "@/lib/verdicts/delete-verdict";
import { getRatingScale } from "@/lib/verdicts/get-rating-scale";
import type { RatingScaleJson } from "@/lib/verdicts/rating-scale";
import { setVerdict } from "@/lib/verdicts/set-verdict";
import type { VerdictJson } from "@/lib/verdicts/verdict-json";

/** The team's rating scale for the verdict form. */
export async function getRatingScaleAction(team: string): Promise<ActionResult<RatingScaleJson>> {
  const user = await requireCurrentUser();
  return runAction(() => getRatingScale({ actor: user, teamSlug: String(team) }));
}

/** Gives or changes a verdict (validated by the domain, as for the API). */
export async function setVerdictAction(
  annotationId: string,
  input: unknown,
): Promise<ActionResult<VerdictJson>> {
  const user = await requireCurrentUser();
  return runAction(
    async () => (await setVerdict({ actor: user, annotationId: String(annotationId), input })).verdict,
  );
}

/** Removes a verdict. */
export async function deleteVerdictAction(annotationId: string): Promise<ActionResult<null>> {
  const user = await requireCurrentUser();
  return runAction(async () => {
    await deleteVerdict({ actor: user, annotationId: String(annotationId) });
    return null;
  });
}
