import { describe, expect, it } from "vitest";
import { cohenKappa } from "../../lib/agreement/cohen-kappa.ts";
import { krippendorffAlphaNominal } from "../../lib/agreement/krippendorff-alpha.ts";
import { positionalAlpha, UNTAGGED } from "../../lib/agreement/positional-alpha.ts";
import { roundStatistics } from "../../lib/agreement/round-statistics.ts";

function pairs(table: [string, string, number][]): [string, string][] {
  return table.flatMap(([a, b, count]) => Array.from({ length: count }, () => [a, b] as [string, string]));
}

describe("Cohen's kappa", () => {
  it("matches the worked example of Wikipedia's 'Cohen's kappa' (50 grant proposals: kappa = 0.4)", () => {
    // Both yes 20, A yes B no 5, A no B yes 10, both no 15: p_o = 0.7, p_e = 0.5.
    const result = cohenKappa(
      pairs([
        ["yes", "yes", 20],
        ["yes", "no", 5],
        ["no", "yes", 10],
        ["no", "no", 15],
      ]),
    );
    expect(result.observedAgreement).toBeCloseTo(0.7, 10);
    expect(result.expectedAgreement).toBeCloseTo(0.5, 10);
    expect(result.kappa).toBeCloseTo(0.4, 10);
  });

  it("matches the second worked example there (kappa = 0.1304)", () => {
    // 45/15/25/15 of 100: p_o = 0.60, p_e = 0.54, kappa = 0.06 / 0.46.
    const result = cohenKappa(
      pairs([
        ["yes", "yes", 45],
        ["yes", "no", 15],
        ["no", "yes", 25],
        ["no", "no", 15],
      ]),
    );
    expect(result.kappa).toBeCloseTo(0.1304, 4);
  });

  it("is undefined without pairs or without variation", () => {
    expect(cohenKappa([]).kappa).toBeNull();
    expect(cohenKappa([["fact", "fact"]]).kappa).toBeNull();
  });
});

describe("positional alpha (span level)", () => {
  it("reduces to Krippendorff's (2011) worked example A, binary data with two observers: alpha = 0.095", () => {
    // Ten one-character positions; observer A tags positions 1 and 8, observer B 0-2 and 5:
    // A 0 1 0 0 0 0 0 0 1 0 / B 1 1 1 0 0 1 0 0 0 0 as in "Computing Krippendorff's Alpha-Reliability".
    const a = [
      { start: 1, end: 2, label: "fact" },
      { start: 8, end: 9, label: "fact" },
    ];
    const b = [
      { start: 0, end: 3, label: "fact" },
      { start: 5, end: 6, label: "fact" },
    ];
    const result = positionalAlpha(10, [a, b]);
    expect(result.pairableValues).toBe(20);
    expect(result.alpha).toBeCloseTo(0.095, 3);
    expect(result.alpha).toBeCloseTo(1 - (19 * 4) / (14 * 6), 12);
  });

  it("weighs a run of positions like that many identical units", () => {
    const units = [
      ["fact", UNTAGGED],
      ["fact", "fact"],
      [UNTAGGED, UNTAGGED],
    ];
    const repeated = [...Array(3).fill(units[0]), units[1], ...Array(5).fill(units[2])];
    expect(krippendorffAlphaNominal(units, [3, 1, 5]).alpha).toBeCloseTo(
      krippendorffAlphaNominal(repeated).alpha!,
      12,
    );
  });

  it("counts a passage one annotator tagged and the other left untagged against agreement", () => {
    const same = positionalAlpha(100, [
      [{ start: 10, end: 20, label: "fact" }],
      [{ start: 10, end: 20, label: "fact" }],
    ]);
    expect(same.alpha).toBeCloseTo(1, 12);
    const oneSided = positionalAlpha(100, [
      [
        { start: 10, end: 20, label: "fact" },
        { start: 50, end: 60, label: "opinion" },
      ],
      [{ start: 10, end: 20, label: "fact" }],
    ]);
    expect(oneSided.alpha!).toBeLessThan(1);
  });
});

describe("the statistics of a round", () => {
  const at = new Date("2026-12-01T00:00:00Z");
  it("gives label alpha, positional alpha and kappa for two annotators", () => {
    const spans = [
      { id: "1", authorId: "a", label: "fact", start: 0, end: 10, createdAt: at },
      { id: "2", authorId: "b", label: "fact", start: 0, end: 10, createdAt: at },
      { id: "3", authorId: "a", label: "opinion", start: 20, end: 30, createdAt: at },
      { id: "4", authorId: "b", label: "advocacy", start: 20, end: 30, createdAt: at },
      { id: "5", authorId: "a", label: "fact", start: 40, end: 50, createdAt: at },
    ];
    const stats = roundStatistics(spans, ["a", "b"], 60);
    expect(stats.passages).toBe(3);
    expect(stats.pairable).toBe(2);
    // Label alpha rests on the two passages both tagged: fact/fact, opinion/advocacy.
    expect(stats.alpha).toBeCloseTo(
      krippendorffAlphaNominal([
        ["fact", "fact"],
        ["opinion", "advocacy"],
      ]).alpha!,
      12,
    );
    expect(stats.kappa).toBeCloseTo(
      cohenKappa([
        ["fact", "fact"],
        ["opinion", "advocacy"],
      ]).kappa!,
      12,
    );
    expect(stats.positionalAlpha).not.toBeNull();
    expect(roundStatistics(spans, ["a", "b", "c"], 60).kappa).toBeNull();
  });
});
