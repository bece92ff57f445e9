// Cohen's kappa for two coders on nominal categories: J. Cohen, "A coefficient of agreement for
// nominal scales", Educational and Psychological Measurement 20 (1960) 37-46.
// kappa = (p_o - p_e) / (1 - p_e), p_o the observed share of agreement, p_e the agreement expected
// from each coder's own marginal distribution. See docs/MODERATION.md.

/** Cohen's kappa and its parts; kappa is null when undefined (no pairs, or p_e = 1). */
export interface KappaResult {
  kappa: number | null;
  pairs: number;
  observedAgreement: number | null;
  expectedAgreement: number | null;
}

/**
 * Cohen's kappa of paired values (`[coder 1's value, coder 2's value]` per unit).
 * @throws nothing
 */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): KappaResult {
  const n = pairs.length;
  if (n === 0) return { kappa: null, pairs: 0, observedAgreement: null, expectedAgreement: null };
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agree = 0;
  for (const [a, b] of pairs) {
    if (a === b) agree++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const observedAgreement = agree / n;
  let expectedAgreement = 0;
  for (const [category, count] of first) expectedAgreement += (count / n) * ((second.get(category) ?? 0) / n);
  if (expectedAgreement === 1) return { kappa: null, pairs: n, observedAgreement, expectedAgreement };
  return {
    kappa: (observedAgreement - expectedAgreement) / (1 - expectedAgreement),
    pairs: n,
    observedAgreement,
    expectedAgreement,
  };
}
