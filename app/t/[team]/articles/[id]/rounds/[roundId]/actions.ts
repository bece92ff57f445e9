"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { reviewAnnotation } from "@/lib/reviews/review-annotation";
import { acceptAgreedPassages } from "@/lib/rounds/accept-agreed-passages";
import { updateRound } from "@/lib/rounds/update-round";

// Plain forms (they work without JavaScript): each action redirects back to the adjudication
// page with its outcome. Bound arguments come back from the browser: checked like any input.
const ZArgs = z.object({ team: z.string().min(1).max(100), articleId: z.uuid(), roundId: z.uuid() });

function adjudicationPath(args: { team: string; articleId: string; roundId: string }): string {
  return `/t/${encodeURIComponent(args.team)}/articles/${args.articleId}/rounds/${args.roundId}`;
}

async function finish(path: string, done: string, work: () => Promise<unknown>, anchor = "") {
  const result = await runAction(work);
  const query = result.ok ? `done=${done}` : `error=${encodeURIComponent(result.error)}`;
  redirect(`${path}?${query}${anchor}`);
}

/** Accepts every agreed passage in one step. */
export async function acceptAgreedAction(team: string, articleId: string, roundId: string): Promise<void> {
  const args = ZArgs.parse({ team, articleId, roundId });
  const user = await requireCurrentUser(adjudicationPath(args));
  await finish(adjudicationPath(args), "accepted", () =>
    acceptAgreedPassages({ actor: user, roundId: args.roundId }),
  );
}

/** One review decision on a round annotation (approve, reject or relabel, from the form's button). */
export async function reviewRoundAnnotationAction(
  team: string,
  articleId: string,
  roundId: string,
  annotationId: string,
  formData: FormData,
): Promise<void> {
  const args = ZArgs.parse({ team, articleId, roundId });
  const user = await requireCurrentUser(adjudicationPath(args));
  const decision = formData.get("decision");
  const reason = formData.get("reason");
  const label = formData.get("label");
  const version = Number(formData.get("version"));
  const input = {
    decision,
    ...(typeof reason === "string" && reason.trim() ? { reason } : {}),
    ...(decision === "relabel" && typeof label === "string" ? { label } : {}),
    ...(Number.isInteger(version) && version > 0 ? { version } : {}),
  };
  await finish(
    adjudicationPath(args),
    "reviewed",
    () => reviewAnnotation({ actor: user, annotationId: z.uuid().parse(annotationId), input }),
    "#passages",
  );
}

/** Marks the revealed round closed: adjudication is done. */
export async function closeRoundAction(team: string, articleId: string, roundId: string): Promise<void> {
  const args = ZArgs.parse({ team, articleId, roundId });
  const user = await requireCurrentUser(adjudicationPath(args));
  await finish(adjudicationPath(args), "closed", () =>
    updateRound({ actor: user, roundId: args.roundId, input: { status: "closed" } }),
  );
}
