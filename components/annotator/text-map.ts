// Pure mapping between plain-text offsets (the annotation model, lib/articles/plain-text.ts)
// and ProseMirror positions, given the textblock list of plainTextWithMap(). Inside a
// textblock every character and every hard break takes one position and one plain-text
// character, so a position is `block.pmStart + (offset - block.textStart)`.
import type { TextblockSpan } from "@/lib/articles/plain-text";
import type { LabelName } from "@/lib/validation/annotations";

/** A highlight resolved to the current text. */
export interface AnchoredHighlight {
  id: string;
  label: LabelName;
  start: number;
  end: number;
}

/** One piece of a highlight inside one textblock, in ProseMirror positions. */
export interface HighlightRange {
  id: string;
  label: LabelName;
  from: number;
  to: number;
  /** True for the piece where the highlight begins (it carries the letter badge). */
  first: boolean;
}

function blockPmEnd(block: TextblockSpan): number {
  return block.pmStart + (block.textEnd - block.textStart);
}

// Index of the first block whose text ends at or after `offset` (binary search: blocks are sorted).
function firstBlockEndingAtOrAfter(blocks: readonly TextblockSpan[], offset: number): number {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (blocks[middle]!.textEnd < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Splits a plain-text span into per-textblock ProseMirror ranges (empty pieces dropped). */
export function plainSpanToPmRanges(
  blocks: readonly TextblockSpan[],
  start: number,
  end: number,
): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  if (end <= start) return ranges;
  for (let index = firstBlockEndingAtOrAfter(blocks, start); index < blocks.length; index++) {
    const block = blocks[index]!;
    if (block.textStart >= end) break;
    const from = Math.max(start, block.textStart);
    const to = Math.min(end, block.textEnd);
    if (to > from)
      ranges.push({
        from: block.pmStart + (from - block.textStart),
        to: block.pmStart + (to - block.textStart),
      });
  }
  return ranges;
}

/**
 * Maps a ProseMirror position to a plain-text offset. A position between textblocks moves to
 * the next block's start (`side` "start") or the previous block's end (`side` "end"); null when
 * there is no such block.
 */
export function pmPosToPlainOffset(
  blocks: readonly TextblockSpan[],
  pos: number,
  side: "start" | "end",
): number | null {
  if (side === "start") {
    for (const block of blocks) {
      if (pos <= blockPmEnd(block))
        return pos < block.pmStart ? block.textStart : block.textStart + (pos - block.pmStart);
    }
    return null;
  }
  for (let index = blocks.length - 1; index >= 0; index--) {
    const block = blocks[index]!;
    if (pos >= block.pmStart)
      return pos > blockPmEnd(block) ? block.textEnd : block.textStart + (pos - block.pmStart);
  }
  return null;
}

/** Maps a ProseMirror selection to a plain-text span; null when it covers no text. */
export function pmSelectionToPlainSpan(
  blocks: readonly TextblockSpan[],
  from: number,
  to: number,
): { start: number; end: number } | null {
  const start = pmPosToPlainOffset(blocks, Math.min(from, to), "start");
  const end = pmPosToPlainOffset(blocks, Math.max(from, to), "end");
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/**
 * Turns resolved highlights into ProseMirror ranges in one pass, in document order (by start,
 * longer first so that an enclosing highlight wraps the ones it contains).
 */
export function buildHighlightRanges(
  blocks: readonly TextblockSpan[],
  highlights: readonly AnchoredHighlight[],
): HighlightRange[] {
  const sorted = [...highlights].sort(
    (a, b) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id),
  );
  const ranges: HighlightRange[] = [];
  for (const highlight of sorted) {
    plainSpanToPmRanges(blocks, highlight.start, highlight.end).forEach((range, index) => {
      ranges.push({
        id: highlight.id,
        label: highlight.label,
        from: range.from,
        to: range.to,
        first: index === 0,
      });
    });
  }
  return ranges;
}

/** The ids of the highlights that cover a position (innermost last), for click handling. */
export function highlightsAt(ranges: readonly HighlightRange[], pos: number): string[] {
  const ids: string[] = [];
  for (const range of ranges)
    if (range.from <= pos && pos < range.to && !ids.includes(range.id)) ids.push(range.id);
  return ids;
}
