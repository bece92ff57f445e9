import { parseLiveObject } from "../collab/live-json.ts";
import type { RoundAssignmentJson } from "./round-json.ts";

/**
 * The Y.Map of round progress inside the moderators' live annotations document
 * (`article.<id>.annotations.all`, never any other view), written only by the server
 * (lib/rounds/live-round-progress.ts) after the commit of every change that moves it. Each value is
 * one annotator's progress at one version, as a JSON string, under the key
 * `<round id>.<annotator id>.<version>` (roundProgressKey).
 *
 * Why a key per version and not per annotator: with Redis, each instance that loads the document
 * writes the map from PostgreSQL before it syncs with the others, and concurrent writes of one
 * Y.Map key are settled by Yjs client ids, not by time; a newer entry could lose to an instance's
 * older load. Two instances that read the same state write the same key and value; a newer state
 * is a new key. Readers take each annotator's highest version (latestRoundProgress).
 */
export const ROUND_PROGRESS_MAP = "roundProgress";

/** One assigned annotator's progress in a round, as the live map carries it. */
export interface RoundProgressEntry extends RoundAssignmentJson {
  roundId: string;
  /**
   * How many changes moved it so far (round annotations made, round annotations deleted, the
   * submission): grows with every change, whichever instance reads it.
   */
  version: number;
}

/** The live map key of an entry. */
export function roundProgressKey(entry: {
  roundId: string;
  annotator: { id: string };
  version: number;
}): string {
  return `${entry.roundId}.${entry.annotator.id}.${entry.version}`;
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
  const entry = parseLiveObject(value) as Partial<RoundProgressEntry> | null;
  return entry &&
    typeof entry.roundId === "string" &&
    typeof entry.annotator?.id === "string" &&
    typeof entry.annotations === "number" &&
    typeof entry.version === "number" &&
    (entry.submittedAt === null || typeof entry.submittedAt === "string")
    ? (entry as RoundProgressEntry)
    : null;
}

/**
 * Each annotator's latest progress in `roundId` (their highest version) from the live map's
 * entries; entries that are not progress entries of their key are left out.
 * @throws nothing
 */
export function latestRoundProgress(
  entries: Iterable<[string, unknown]>,
  roundId: string,
): Map<string, RoundProgressEntry> {
  const latest = new Map<string, RoundProgressEntry>();
  for (const [key, raw] of entries) {
    const entry = decodeRoundProgress(raw);
    if (!entry || entry.roundId !== roundId || roundProgressKey(entry) !== key) continue;
    const known = latest.get(entry.annotator.id);
    if (!known || known.version < entry.version) latest.set(entry.annotator.id, entry);
  }
  return latest;
}
