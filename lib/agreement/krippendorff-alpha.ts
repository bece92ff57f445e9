// Krippendorff's alpha for nominal data, computed through the coincidence matrix exactly as
// in K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section "C. Nominal
// data, any number of observers, missing values". See docs/MODERATION.md.

/** A value one coder gave one unit; `null` (or `undefined`) is a missing value. */
export type ReliabilityValue = string | number | null | undefined;

export interface AlphaResult {
  /** Nominal alpha; null when it is undefined (no pairable values, or no variation at all). */
  alpha: number | null;
  /** Units with at least two values, the only ones that enter the computation. */
  pairableUnits: number;
  /** n: the number of pairable values. */
  pairableValues: number;
  /** Observed and expected disagreement (alpha = 1 - observed / expected). */
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
}

/**
 * Nominal Krippendorff's alpha of a reliability data matrix given unit by unit: `units[u]` lists
 * the values the coders gave unit u (missing values allowed, coder order irrelevant).
 * Units with fewer than two values are not pairable and are ignored. `weights[u]` (default 1)
 * counts unit u that many times: a run of identical units given once (lib/agreement/positional-alpha.ts).
 * @throws nothing
 */
export function krippendorffAlphaNominal(
  units: readonly (readonly ReliabilityValue[])[],
  weights?: readonly number[],
): AlphaResult {
  // o[c][k]: the coincidence matrix, sum over units of (number of c-k pairs) / (m_u - 1).
  const coincidences = new Map<string, Map<string, number>>();
  let pairableUnits = 0;
  for (const [index, unit] of units.entries()) {
    const weight = weights?.[index] ?? 1;
    const values = unit.filter((value): value is string | number => value !== null && value !== undefined);
    const m = values.length;
    if (m < 2) continue;
    pairableUnits++;
    const counts = new Map<string, number>();
    for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        // Ordered pairs of values from different coders: n_c * n_k, or n_c * (n_c - 1) when c = k.
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs === 0) continue;
        const row = coincidences.get(c) ?? new Map<string, number>();
        coincidences.set(c, row);
        row.set(k, (row.get(k) ?? 0) + (weight * pairs) / (m - 1));
      }
    }
  }
  const marginals = new Map<string, number>();
  for (const [c, row] of coincidences) {
    let sum = 0;
    for (const value of row.values()) sum += value;
    marginals.set(c, sum);
  }
  let n = 0;
  for (const value of marginals.values()) n += value;
  n = Math.round(n * 1e9) / 1e9;
  if (n < 2) {
    return {
      alpha: null,
      pairableUnits,
      pairableValues: n,
      observedDisagreement: null,
      expectedDisagreement: null,
    };
  }
  let observed = 0;
  for (const [c, row] of coincidences) for (const [k, value] of row) if (c !== k) observed += value;
  let expectedPairs = 0;
  for (const [c, nc] of marginals) for (const [k, nk] of marginals) if (c !== k) expectedPairs += nc * nk;
  const observedDisagreement = observed / n;
  const expectedDisagreement = expectedPairs / (n * (n - 1));
  if (expectedDisagreement === 0) {
    // Every pairable value is the same: alpha is 0/0, undefined (Krippendorff 2011).
    return { alpha: null, pairableUnits, pairableValues: n, observedDisagreement, expectedDisagreement };
  }
  return {
    alpha: 1 - observedDisagreement / expectedDisagreement,
    pairableUnits,
    pairableValues: n,
    observedDisagreement,
    expectedDisagreement,
  };
}

/** Transposes a coder-by-unit matrix (rows = coders, columns = units) into units. */
export function unitsFromCoderRows(rows: readonly (readonly ReliabilityValue[])[]): ReliabilityValue[][] {
  const width = Math.max(0, ...rows.map((row) => row.length));
  return Array.from({ length: width }, (_, u) => rows.map((row) => row[u]));
}
