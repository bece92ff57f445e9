/** Shares (0..1) of an article's characters covered by each label, and by none. */
export interface Composition {
  fact: number;
  opinion: number;
  advocacy: number;
  untagged: number;
}

/** Character counts behind a composition (UTF-16 code units of the plain text). */
export interface CompositionCounts {
  length: number;
  fact: number;
  opinion: number;
  advocacy: number;
  untagged: number;
}

type LabelKey = "fact" | "opinion" | "advocacy";

/**
 * Counts the characters of a text of `length` covered by at least one span of each label, and
 * by no span. A character under two labels counts for both, so the label shares can add up to
 * more than 1; `untagged` plus the share covered by any label is exactly 1.
 * @throws nothing
 */
export function countComposition(
  length: number,
  spans: readonly { label: LabelKey; start: number; end: number }[],
): CompositionCounts {
  const counts: CompositionCounts = { length, fact: 0, opinion: 0, advocacy: 0, untagged: 0 };
  const byLabel: Record<LabelKey, { start: number; end: number }[]> = { fact: [], opinion: [], advocacy: [] };
  for (const span of spans) {
    const start = Math.max(0, span.start);
    const end = Math.min(length, span.end);
    if (end > start) byLabel[span.label].push({ start, end });
  }
  const covered = (ranges: { start: number; end: number }[]) => mergedLength(ranges);
  counts.fact = covered(byLabel.fact);
  counts.opinion = covered(byLabel.opinion);
  counts.advocacy = covered(byLabel.advocacy);
  counts.untagged = length - covered([...byLabel.fact, ...byLabel.opinion, ...byLabel.advocacy]);
  return counts;
}

function mergedLength(ranges: { start: number; end: number }[]): number {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let total = 0;
  let currentStart = -1;
  let currentEnd = -1;
  for (const range of sorted) {
    if (range.start > currentEnd) {
      total += currentEnd - currentStart;
      currentStart = range.start;
      currentEnd = range.end;
    } else {
      currentEnd = Math.max(currentEnd, range.end);
    }
  }
  return total + (currentEnd - currentStart);
}

/** Turns character counts into shares (all 0 for an empty text). */
export function toComposition(counts: CompositionCounts): Composition {
  const share = (value: number) => (counts.length === 0 ? 0 : value / counts.length);
  return {
    fact: share(counts.fact),
    opinion: share(counts.opinion),
    advocacy: share(counts.advocacy),
    untagged: counts.length === 0 ? 1 : share(counts.untagged),
  };
}
