import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import type { UserActor } from "../auth/actor.ts";
import { requireCurrentUser } from "../auth/current-user.ts";
import { AppError } from "../errors.ts";
import { getTeamAccessOrThrow, type TeamAccess } from "../teams/access.ts";

/** What Next passes a layout below /t/[team]. */
export interface TeamLayoutProps {
  children: ReactNode;
  params: Promise<{ team: string }>;
}

/**
 * For team pages: awaits a use case and turns its "not found" (another team's, a deleted or a
 * malformed id) into Next's 404 page; any other error propagates (a database outage reaches
 * the error page, never a half-rendered team page).
 * @throws the use case's other errors
 */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

/**
 * For a team page's own `catch`: shows Next's 404 page for a "not found" error and returns for
 * anything else (the caller decides what else it handles).
 */
export function notFoundIfMissing(error: unknown): void {
  if (error instanceof AppError && error.code === "not_found") notFound();
}

/**
 * For team pages and layouts: the signed-in user (else the sign-in page, back to `callbackPath`
 * or the requested path) and their access to the team (Next's 404 page for a team they cannot see).
 * @throws the database's errors
 */
export async function requireTeamPageAccess(
  slug: string,
  callbackPath?: string,
): Promise<{ user: UserActor; access: TeamAccess }> {
  const user = await requireCurrentUser(callbackPath);
  const access = await orNotFound(getTeamAccessOrThrow(user, { slug }));
  return { user, access };
}
