import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { UserActor } from "../auth/actor.ts";
import { requireCurrentUser } from "../auth/current-user.ts";
import { type ActionResult, runAction } from "./run-action.ts";

// Bound arguments come back from the browser, so they are checked like any other input.
const ZBoundSlug = z.string().min(1).max(100);

/** Who calls a team page's server action, and for which team. */
export interface TeamActionCaller {
  slug: string;
  user: UserActor;
}

/**
 * The start of every team page's server action: the bound team slug, checked, and the signed-in
 * user (else the sign-in page, back to `pagePath(slug)`).
 * @throws ZodError (a malformed slug)
 */
export async function teamActionCaller(
  team: string,
  pagePath: (slug: string) => string,
): Promise<TeamActionCaller> {
  const slug = ZBoundSlug.parse(team);
  const user = await requireCurrentUser(pagePath(slug));
  return { slug, user };
}

/**
 * A team page's server action that answers its form: runs the use case (runAction) as the
 * signed-in user and revalidates the page when it succeeded.
 * @throws ZodError (a malformed slug); what runAction lets through
 */
export async function runTeamPageAction<T>(
  team: string,
  pagePath: (slug: string) => string,
  use: (caller: TeamActionCaller) => Promise<T>,
): Promise<ActionResult<T>> {
  const caller = await teamActionCaller(team, pagePath);
  const result = await runAction(() => use(caller));
  if (result.ok) revalidatePath(pagePath(caller.slug));
  return result;
}
