/** The one changed region between two texts: what was removed at `at` and what was inserted. */
export interface TextChange {
  at: number;
  removed: string;
  inserted: string;
}

const MAX_EXCERPT = 500;

function clip(text: string): string {
  return text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT)}…` : text;
}

/**
 * Where two texts differ: the changed region is `before.slice(start, endBefore)`, replaced by
 * `after.slice(start, endAfter)` (the common prefix and suffix stripped).
 */
export function changedRange(
  before: string,
  after: string,
): { start: number; endBefore: number; endAfter: number } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore > start &&
    endAfter > start &&
    before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)
  ) {
    endBefore--;
    endAfter--;
  }
  return { start, endBefore, endAfter };
}

/**
 * Summarises a correction as one changed region (common prefix and suffix stripped), with
 * excerpts clipped to 500 characters; null when the texts are equal.
 */
export function summariseTextChange(before: string, after: string): TextChange | null {
  if (before === after) return null;
  const { start, endBefore, endAfter } = changedRange(before, after);
  return {
    at: start,
    removed: clip(before.slice(start, endBefore)),
    inserted: clip(after.slice(start, endAfter)),
  };
}
