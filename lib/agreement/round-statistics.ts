import { cohenKappa } from "./cohen-kappa.ts";
import { krippendorffAlphaNominal } from "./krippendorff-alpha.ts";
import { positionalAlpha } from "./positional-alpha.ts";
import { type SpanForAgreement, unitiseAnnotations } from "./unitise-annotations.ts";

/** A round annotation as the statistics read it (the label the annotator gave in the round). */
export type RoundSpan = SpanForAgreement;

/** The agreement figures of one blind round (docs/MODERATION.md, "Statistics of a round"). */
export interface RoundStatistics {
  /** Nominal Krippendorff's alpha on the labels of passages tagged by two or more annotators. */
  alpha: number | null;
  /** Passages (clusters of overlapping spans) in all, and those tagged by two or more annotators. */
  passages: number;
  pairable: number;
  /** Span-level: positional alpha over every character, "untagged" a value (positional-alpha.ts). */
  positionalAlpha: number | null;
  /** Cohen's kappa on the labels of passages both tagged, only when the round has two annotators. */
  kappa: number | null;
}

/**
 * The statistics of a round from its annotations, its annotators and the article's length.
 * @throws nothing (pure)
 */
export function roundStatistics(
  spans: readonly RoundSpan[],
  annotatorIds: readonly string[],
  textLength: number,
): RoundStatistics {
  const units = unitiseAnnotations(spans);
  const pairable = units.filter((unit) => unit.values.size >= 2);
  const alpha = krippendorffAlphaNominal(units.map((unit) => [...unit.values.values()])).alpha;
  const positional = positionalAlpha(
    textLength,
    annotatorIds.map((id) => spans.filter((span) => span.authorId === id)),
  ).alpha;
  let kappa: number | null = null;
  if (annotatorIds.length === 2) {
    const [first, second] = annotatorIds as [string, string];
    const pairs = units
      .filter((unit) => unit.values.has(first) && unit.values.has(second))
      .map((unit) => [unit.values.get(first)!, unit.values.get(second)!] as const);
    kappa = cohenKappa(pairs).kappa;
  }
  return { alpha, passages: units.length, pairable: pairable.length, positionalAlpha: positional, kappa };
}
