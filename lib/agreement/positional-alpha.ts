// The span-level agreement of a blind round (docs/MODERATION.md, "Statistics of a round"):
// positional alpha, Krippendorff's nominal alpha with every character position of the article
// as a unit and, as each annotator's value there, the label of their annotation covering it or
// "untagged". So a passage one annotator tagged and another left untagged counts as a
// disagreement, and longer passages weigh more. It is the discretised form of Krippendorff's
// unitizing alpha (K. Krippendorff, "On the reliability of unitizing continuous data",
// Sociological Methodology 25, 1995; "Measuring the reliability of qualitative text analysis
// data", Quality & Quantity 38, 2004) with one-character atoms, computed with the coincidence
// matrix of K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011).
import { type AlphaResult, krippendorffAlphaNominal } from "./krippendorff-alpha.ts";

/** The value of a position no annotation of the annotator covers. */
export const UNTAGGED = "untagged";

/** One annotator's spans (offsets into a text of `length` characters, end exclusive). */
export type CoderSpans = readonly { start: number; end: number; label: string }[];

/**
 * Positional alpha over a text of `length` characters coded by `coders` (one list of spans per
 * annotator; overlapping spans of one annotator: the shorter, more specific one wins). Runs of
 * positions where every annotator's value stays the same are weighed as one unit each.
 * @throws nothing
 */
export function positionalAlpha(length: number, coders: readonly CoderSpans[]): AlphaResult {
  const cuts = new Set<number>([0, length]);
  for (const spans of coders)
    for (const span of spans) {
      cuts.add(Math.max(0, Math.min(length, span.start)));
      cuts.add(Math.max(0, Math.min(length, span.end)));
    }
  const bounds = [...cuts].sort((a, b) => a - b);
  const units: string[][] = [];
  const weights: number[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    if (end <= start) continue;
    units.push(coders.map((spans) => valueAt(spans, start)));
    weights.push(end - start);
  }
  return krippendorffAlphaNominal(units, weights);
}

function valueAt(spans: CoderSpans, position: number): string {
  let best: { start: number; end: number; label: string } | null = null;
  for (const span of spans) {
    if (span.start > position || span.end <= position) continue;
    if (!best || span.end - span.start < best.end - best.start) best = span;
  }
  return best?.label ?? UNTAGGED;
}
