import { describe, expect, it } from "vitest";
import { countComposition, toComposition } from "../../lib/agreement/text-composition.ts";
import { type SpanForAgreement, unitiseAnnotations } from "../../lib/agreement/unitise-annotations.ts";

let seq = 0;
function span(authorId: string, label: string, start: number, end: number): SpanForAgreement {
  seq++;
  return { id: `a${seq}`, authorId, label, start, end, createdAt: new Date(1_700_000_000_000 + seq) };
}

describe("unitisation: clusters of overlapping spans, one value per annotator", () => {
  it("joins overlapping spans transitively, keeps touching spans apart", () => {
    const units = unitiseAnnotations([
      span("ann", "fact", 0, 10),
      span("bob", "opinion", 8, 20),
      span("cat", "fact", 18, 25),
      span("dan", "advocacy", 25, 30), // touches 25 but does not overlap
    ]);
    expect(units.map((unit) => [unit.start, unit.end])).toEqual([
      [0, 25],
      [25, 30],
    ]);
    expect(Object.fromEntries(units[0]!.values)).toEqual({ ann: "fact", bob: "opinion", cat: "fact" });
    expect(units[1]!.values.size).toBe(1);
  });

  it("uses, for an annotator with several spans in a unit, the one overlapping the others most", () => {
    const units = unitiseAnnotations([
      span("ann", "fact", 0, 100),
      span("bob", "opinion", 0, 5),
      span("bob", "fact", 10, 90),
    ]);
    expect(units).toHaveLength(1);
    expect(units[0]!.values.get("bob")).toBe("fact");
    expect(units[0]!.annotationIds).toHaveLength(3);
  });
});

describe("composition: the share of the text under each label", () => {
  it("counts a character once per label covering it; untagged is what no label covers", () => {
    const counts = countComposition(100, [
      { label: "fact", start: 0, end: 20 },
      { label: "fact", start: 10, end: 30 }, // overlaps the first fact span: 30 fact characters
      { label: "opinion", start: 25, end: 45 }, // 5 characters are both fact and opinion
      { label: "advocacy", start: 90, end: 120 }, // clipped to the text
    ]);
    expect(counts).toEqual({ length: 100, fact: 30, opinion: 20, advocacy: 10, untagged: 45 });
    expect(toComposition(counts)).toEqual({ fact: 0.3, opinion: 0.2, advocacy: 0.1, untagged: 0.45 });
  });

  it("is all untagged for a text without spans, and defined for an empty text", () => {
    expect(toComposition(countComposition(50, []))).toEqual({
      fact: 0,
      opinion: 0,
      advocacy: 0,
      untagged: 1,
    });
    expect(toComposition(countComposition(0, []))).toEqual({ fact: 0, opinion: 0, advocacy: 0, untagged: 1 });
  });
});
