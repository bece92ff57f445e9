import type { RoundAssignmentJson } from "./round-json.ts";

/**
 * The Y.Map of round progress inside the moderators' live annotations document
 * (`article.<id>.annotations.all`, never any other view): annotator id → that annotator's progress
 * in the article's latest round as one JSON string. Written only by the server
 * (lib/rounds/live-round-progress.ts), after the commit of every change that moves it.
 */
export const ROUND_PROGRESS_MAP = "roundProgress";

/** One assigned annotator's progress in a round, as the live map carries it. */
export interface RoundProgressEntry extends RoundAssignmentJson {
  roundId: string;
}

/** How the server stores one entry in the live round-progress map. */
export function encodeRoundProgress(entry: RoundProgressEntry): string {
  return JSON.stringify(entry);
}

/**
 * Reads one value of the live round-progress map, or null when it is not a progress entry.
 * @throws nothing
 */
export function decodeRoundProgress(value: unknown): RoundProgressEntry | null {
  if (typeof value !== "string") return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null) return null;
    const entry = parsed as Partial<RoundProgressEntry>;
    return typeof entry.roundId === "string" &&
      typeof entry.annotator?.id === "string" &&
      typeof entry.annotations === "number" &&
      (entry.submittedAt === null || typeof entry.submittedAt === "string")
      ? (entry as RoundProgressEntry)
      : null;
  } catch {
    return null;
  }
}
