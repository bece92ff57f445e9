// Quote anchoring as the Hypothesis client does it (a port of its
// src/annotator/anchoring/match-quote.ts, BSD-2-Clause, and the order of selectors in its
// anchoring: TextPositionSelector first when its text still equals the quote, otherwise a
// fuzzy TextQuoteSelector search scored by quote, prefix, suffix and distance from the old
// position). The fuzzy search is the `approx-string-match` package, loaded on demand.

export interface ApproxMatch {
  start: number;
  end: number;
  errors: number;
}
export type ApproxSearch = (text: string, pattern: string, maxErrors: number) => ApproxMatch[];

/**
 * Loads approx-string-match's `search`; null when the package is not installed.
 * @throws nothing
 */
export async function loadApproxSearch(): Promise<ApproxSearch | null> {
  const name = "approx-string-match";
  try {
    const module = (await import(/* webpackIgnore: true */ name)) as {
      default?: ApproxSearch | { default?: ApproxSearch };
      search?: ApproxSearch;
    };
    const candidate = module.default ?? module.search;
    if (typeof candidate === "function") return candidate;
    if (candidate && typeof candidate.default === "function") return candidate.default;
    return null;
  } catch {
    return null;
  }
}

function search(approx: ApproxSearch, text: string, str: string, maxErrors: number): ApproxMatch[] {
  // Exact matches first (Hypothesis does the same: the library lacks this shortcut).
  const exact: ApproxMatch[] = [];
  let at = text.indexOf(str);
  while (at !== -1 && exact.length < 1000) {
    exact.push({ start: at, end: at + str.length, errors: 0 });
    at = text.indexOf(str, at + 1);
  }
  if (exact.length > 0) return exact;
  return approx(text, str, maxErrors);
}

function textMatchScore(approx: ApproxSearch, text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  const matches = search(approx, text, str, str.length);
  if (matches.length === 0) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (const match of matches) best = Math.min(best, match.errors);
  return 1 - best / str.length;
}

/** Hypothesis's matchQuote: the best-scoring approximate occurrence of `quote`, or null. */
export function matchQuote(
  approx: ApproxSearch,
  text: string,
  quote: string,
  context: { prefix?: string; suffix?: string; hint?: number },
): { start: number; end: number; score: number } | null {
  if (quote.length === 0) return null;
  const maxErrors = Math.min(256, quote.length / 2);
  const matches = search(approx, text, quote, maxErrors);
  if (matches.length === 0) return null;
  const score = (match: ApproxMatch) => {
    const quoteWeight = 50;
    const prefixWeight = 20;
    const suffixWeight = 20;
    const posWeight = 2;
    const quoteScore = 1 - match.errors / quote.length;
    const prefixScore = context.prefix
      ? textMatchScore(
          approx,
          text.slice(Math.max(0, match.start - context.prefix.length), match.start),
          context.prefix,
        )
      : 1;
    const suffixScore = context.suffix
      ? textMatchScore(approx, text.slice(match.end, match.end + context.suffix.length), context.suffix)
      : 1;
    let posScore = 1;
    if (typeof context.hint === "number") posScore = 1 - Math.abs(match.start - context.hint) / text.length;
    const raw =
      quoteWeight * quoteScore +
      prefixWeight * prefixScore +
      suffixWeight * suffixScore +
      posWeight * posScore;
    return raw / (quoteWeight + prefixWeight + suffixWeight + posWeight);
  };
  let best: { start: number; end: number; score: number } | null = null;
  for (const match of matches) {
    const s = score(match);
    if (!best || s > best.score) best = { start: match.start, end: match.end, score: s };
  }
  return best;
}

/** Hypothesis's order: the old position if its text still equals the quote, else matchQuote. */
export function anchorLikeHypothesis(
  approx: ApproxSearch,
  text: string,
  selector: { start: number; end: number; quote: string; prefix: string; suffix: string },
): { start: number; end: number } | null {
  if (text.slice(selector.start, selector.end) === selector.quote)
    return { start: selector.start, end: selector.end };
  const match = matchQuote(approx, text, selector.quote, {
    prefix: selector.prefix,
    suffix: selector.suffix,
    hint: selector.start,
  });
  return match ? { start: match.start, end: match.end } : null;
}
