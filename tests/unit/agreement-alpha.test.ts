import { describe, expect, it } from "vitest";
import { krippendorffAlphaNominal, unitsFromCoderRows } from "../../lib/agreement/krippendorff-alpha.ts";

const _ = null;

describe("Krippendorff's alpha (nominal), worked examples from the literature", () => {
  it("Krippendorff 2011, example C: 4 observers, 12 units, missing values -> alpha = 0.743", () => {
    // "Computing Krippendorff's Alpha-Reliability" (2011), reliability data matrix of section C.
    const result = krippendorffAlphaNominal(
      unitsFromCoderRows([
        [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
        [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
      ]),
    );
    // Unit 12 has a single value and is not pairable; n = 40 pairable values.
    expect(result.pairableUnits).toBe(11);
    expect(result.pairableValues).toBe(40);
    expect(result.alpha).toBeCloseTo(0.743, 3);
    // alpha = 1 - (n - 1) * sum(o_ck, c != k) / sum(n_c * n_k, c != k) = 1 - 39 * 8 / 1216
    expect(result.alpha).toBeCloseTo(1 - (39 * 8) / 1216, 12);
  });

  it("Krippendorff 2011, example A: 2 observers, binary data, 10 units -> alpha = 0.095", () => {
    const result = krippendorffAlphaNominal(
      unitsFromCoderRows([
        [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
        [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
      ]),
    );
    expect(result.pairableValues).toBe(20);
    expect(result.alpha).toBeCloseTo(0.095, 3);
  });

  it("Wikipedia's computational example: 3 coders, 15 units -> nominal alpha = 0.691", () => {
    const result = krippendorffAlphaNominal(
      unitsFromCoderRows([
        [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
        [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
        [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
      ]),
    );
    expect(result.pairableUnits).toBe(12);
    expect(result.pairableValues).toBe(26);
    expect(result.alpha).toBeCloseTo(0.691, 3);
  });

  it("is 1 for perfect agreement with variation, and undefined (null) without variation or pairs", () => {
    expect(
      krippendorffAlphaNominal([
        ["fact", "fact"],
        ["opinion", "opinion", "opinion"],
      ]).alpha,
    ).toBe(1);
    expect(
      krippendorffAlphaNominal([
        ["fact", "fact"],
        ["fact", "fact"],
      ]).alpha,
    ).toBeNull();
    expect(krippendorffAlphaNominal([["fact"], [], [null, "opinion"]]).alpha).toBeNull();
    expect(krippendorffAlphaNominal([]).pairableUnits).toBe(0);
  });

  it("is below zero for systematic disagreement and ignores the order of coders within a unit", () => {
    const swapped = krippendorffAlphaNominal([
      ["fact", "opinion"],
      ["opinion", "fact"],
    ]);
    expect(swapped.alpha).toBeLessThan(0);
    const a = krippendorffAlphaNominal([
      ["fact", "opinion", "fact"],
      ["advocacy", "advocacy"],
    ]);
    const b = krippendorffAlphaNominal([
      ["fact", "fact", "opinion"],
      ["advocacy", "advocacy"],
    ]);
    expect(a.alpha).toBeCloseTo(b.alpha!, 12);
  });
});
