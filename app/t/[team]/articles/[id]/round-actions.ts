"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { startRound } from "@/lib/rounds/start-round";
import { submitRound } from "@/lib/rounds/submit-round";
import { updateRound } from "@/lib/rounds/update-round";

// Plain forms (they work before and without JavaScript): each action redirects back to the
// article with its outcome in the query, which the round panel shows. Bound arguments come back
// from the browser, so they are checked like any other input.
const ZArgs = z.object({ team: z.string().min(1).max(100), articleId: z.uuid() });
const ZRoundId = z.uuid();

function articlePath(args: { team: string; articleId: string }): string {
  return `/t/${encodeURIComponent(args.team)}/articles/${args.articleId}`;
}

/** A date input's day as the end of that day, UTC; empty means no due date. */
function dueAtOf(formData: FormData): string | null {
  const value = formData.get("dueAt");
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59Z` : null;
}

async function finish(args: { team: string; articleId: string }, done: string, work: () => Promise<unknown>) {
  const result = await runAction(work);
  const query = result.ok ? `round=${done}` : `roundError=${encodeURIComponent(result.error)}`;
  redirect(`${articlePath(args)}?${query}#round`);
}

/** Starts a blind round for the annotators ticked in the form. */
export async function startRoundAction(team: string, articleId: string, formData: FormData): Promise<void> {
  const args = ZArgs.parse({ team, articleId });
  const user = await requireCurrentUser(articlePath(args));
  const annotatorIds = formData.getAll("annotatorIds").filter((id): id is string => typeof id === "string");
  await finish(args, "started", () =>
    startRound({ actor: user, articleId: args.articleId, input: { annotatorIds, dueAt: dueAtOf(formData) } }),
  );
}

/** The signed-in annotator submits their annotations of the round. */
export async function submitRoundAction(team: string, articleId: string, roundId: string): Promise<void> {
  const args = ZArgs.parse({ team, articleId });
  const user = await requireCurrentUser(articlePath(args));
  await finish(args, "submitted", () => submitRound({ actor: user, roundId: ZRoundId.parse(roundId) }));
}

/** A moderator closes the open round early: it is revealed to the team. */
export async function revealRoundAction(team: string, articleId: string, roundId: string): Promise<void> {
  const args = ZArgs.parse({ team, articleId });
  const user = await requireCurrentUser(articlePath(args));
  await finish(args, "revealed", () =>
    updateRound({ actor: user, roundId: ZRoundId.parse(roundId), input: { status: "revealed" } }),
  );
}

/** A moderator moves the open round's due date. */
export async function extendRoundAction(
  team: string,
  articleId: string,
  roundId: string,
  formData: FormData,
): Promise<void> {
  const args = ZArgs.parse({ team, articleId });
  const user = await requireCurrentUser(articlePath(args));
  await finish(args, "extended", () =>
    updateRound({ actor: user, roundId: ZRoundId.parse(roundId), input: { dueAt: dueAtOf(formData) } }),
  );
}
