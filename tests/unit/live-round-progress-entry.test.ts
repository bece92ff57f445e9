// The live round-progress map's entries (lib/rounds/live-round-progress-entry.ts): one key per
// version, and readers take each annotator's highest version of the round they show.
import { describe, expect, it } from "vitest";
import {
  encodeRoundProgress,
  latestRoundProgress,
  type RoundProgressEntry,
  roundProgressKey,
} from "../../lib/rounds/live-round-progress-entry.ts";

const ROUND = "11111111-1111-4111-8111-111111111111";
const OTHER_ROUND = "22222222-2222-4222-8222-222222222222";

function entry(annotatorId: string, version: number, roundId = ROUND): RoundProgressEntry {
  return {
    roundId,
    annotator: { id: annotatorId, name: annotatorId },
    annotations: version,
    submittedAt: null,
    version,
  };
}

function asMap(entries: RoundProgressEntry[]): [string, unknown][] {
  return entries.map((e) => [roundProgressKey(e), encodeRoundProgress(e)]);
}

describe("latestRoundProgress", () => {
  it("takes each annotator's highest version, whatever the order of the keys", () => {
    const latest = latestRoundProgress(
      asMap([entry("a", 3), entry("a", 1), entry("b", 0), entry("a", 2)]),
      ROUND,
    );
    expect(latest.get("a")?.version).toBe(3);
    expect(latest.get("b")?.version).toBe(0);
  });

  it("reads only the round asked for", () => {
    const latest = latestRoundProgress(asMap([entry("a", 5, OTHER_ROUND), entry("a", 1)]), ROUND);
    expect(latest.get("a")?.version).toBe(1);
    expect(latestRoundProgress(asMap([entry("a", 5, OTHER_ROUND)]), ROUND).size).toBe(0);
  });

  it("leaves out values that are not an entry of their key", () => {
    const forged: [string, unknown][] = [
      [roundProgressKey(entry("a", 9)), encodeRoundProgress(entry("a", 1))],
      [roundProgressKey(entry("b", 1)), "not json"],
      [roundProgressKey(entry("c", 1)), 42],
    ];
    expect(latestRoundProgress(forged, ROUND).size).toBe(0);
  });
});
