// The 409s of annotation writes: the version the caller saw is no longer the annotation's.
import { AppError } from "../errors.ts";

/** An author's change or deletion found a newer version than the one they saw. */
export function staleAnnotationEdit(currentVersion: number): AppError {
  return new AppError(
    "version_conflict",
    "Someone changed this annotation since you opened it; reload and try again",
    { currentVersion },
  );
}

/**
 * Before a moderator's decision: the version they saw, when they sent it, must still be the
 * annotation's.
 * @throws AppError version_conflict (with the current version)
 */
export function assertVersionSeen(annotation: { version: number }, seen: number | undefined): void {
  if (seen !== undefined && seen !== annotation.version) {
    throw new AppError(
      "version_conflict",
      "The annotation changed since you opened it; reload and try again",
      { currentVersion: annotation.version },
    );
  }
}

/** A moderator's decision lost to a concurrent change between its checks and its write. */
export function annotationChangedWhile(annotationId: string, doing: "reviewed" | "reopened"): AppError {
  return new AppError(
    "version_conflict",
    `The annotation changed while you ${doing} it; reload and try again`,
    {
      annotationId,
    },
  );
}
