// Where a cited excerpt is in a snapshot's text, for the highlight on the snapshot page.

/** A half-open range of offsets into the text. */
export interface TextRange {
  start: number;
  end: number;
}

const QUOTES = /[\u2018\u2019\u201A\u201B\u2032]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

function fold(char: string): string {
  return char.replace(QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(DASHES, "-").toLowerCase();
}

/**
 * Finds `quote` in `text`: exactly, else ignoring case, runs of white space, and curly versus
 * straight quotes and dash variants. Returns the range in `text`, or null when it is not there
 * (the source changed, or the excerpt was paraphrased).
 */
export function findExcerpt(text: string, quote: string | null): TextRange | null {
  const wanted = quote?.trim();
  if (!wanted) return null;
  const exact = text.indexOf(wanted);
  if (exact >= 0) return { start: exact, end: exact + wanted.length };
  // A folded copy of the text, with each folded character's offset in the original.
  const offsets: number[] = [];
  let folded = "";
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      if (inSpace) continue;
      inSpace = true;
      folded += " ";
      offsets.push(i);
      continue;
    }
    inSpace = false;
    const f = fold(char);
    for (const part of f) {
      folded += part;
      offsets.push(i);
    }
  }
  const needle = [...wanted.replace(/\s+/g, " ")].map(fold).join("");
  const at = folded.indexOf(needle);
  if (at < 0) return null;
  return { start: offsets[at]!, end: offsets[at + needle.length - 1]! + 1 };
}
