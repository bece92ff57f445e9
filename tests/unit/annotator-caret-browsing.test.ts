import { describe, expect, it } from "vitest";
import { adjacentHighlightStart, highlightsAt } from "../../components/annotator/caret-browsing.ts";
import { describeHighlight } from "../../components/annotator/labels.ts";
import type { HighlightRange } from "../../components/annotator/text-map.ts";

// Two highlights: "a" in two pieces (10-20 and 25-30), "b" nested inside a's first piece (12-15),
// and "c" later (40-50).
const RANGES: HighlightRange[] = [
  { id: "c", label: "advocacy", from: 40, to: 50, first: true },
  { id: "a", label: "fact", from: 10, to: 20, first: true },
  { id: "a", label: "fact", from: 25, to: 30, first: false },
  { id: "b", label: "opinion", from: 12, to: 15, first: true },
];

describe("caret browsing helpers", () => {
  it("finds the highlights under the caret, innermost first, once each", () => {
    expect(highlightsAt(RANGES, 13).map((range) => range.id)).toEqual(["b", "a"]);
    expect(highlightsAt(RANGES, 27).map((range) => range.id)).toEqual(["a"]);
    expect(highlightsAt(RANGES, 20)).toEqual([]);
    expect(highlightsAt(RANGES, 5)).toEqual([]);
  });

  it("moves to the next and previous highlight in reading order, by where each begins", () => {
    expect(adjacentHighlightStart(RANGES, 0, 1)?.id).toBe("a");
    expect(adjacentHighlightStart(RANGES, 10, 1)?.id).toBe("b");
    // The second piece of "a" is not a stop of its own.
    expect(adjacentHighlightStart(RANGES, 12, 1)?.id).toBe("c");
    expect(adjacentHighlightStart(RANGES, 40, 1)).toBeNull();
    expect(adjacentHighlightStart(RANGES, 40, -1)?.id).toBe("b");
    expect(adjacentHighlightStart(RANGES, 10, -1)).toBeNull();
  });

  it("describes a highlight with its label, author, status and evidence counts", () => {
    expect(
      describeHighlight({
        label: "opinion",
        status: "approved",
        author: { id: "u", name: "Ann Annotator" },
        evidence: { corroborates: 1, contradicts: 2 },
      }),
    ).toBe("Opinion by Ann Annotator, approved, 1 corroborating source, 2 contradicting sources");
  });
});
