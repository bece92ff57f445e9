import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppError } from "../errors.ts";

/** What Next passes a layout below /t/[team]. */
export interface TeamLayoutProps {
  children: ReactNode;
  params: Promise<{ team: string }>;
}

/** What Next passes a page below /t/[team] that reads its query string. */
export interface TeamPageProps {
  params: Promise<{ team: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
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
