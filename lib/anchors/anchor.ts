import * as Y from "yjs";
import { z } from "zod";
import {
  decodeRelativePosition,
  encodeRelativePosition,
  listYTextblocks,
  relativePositionToTextOffset,
  textOffsetToRelativePosition,
} from "./y-text-positions.ts";

/** How many characters of context TextQuoteSelector keeps on each side (as Hypothesis does). */
export const CONTEXT_LENGTH = 32;

/** The longest passage one annotation may cover. */
export const MAX_QUOTE_LENGTH = 10_000;

/** An annotation's anchor into the live body: Yjs relative positions of its start and end. */
export const ZAnchor = z.object({
  v: z.literal(1),
  start: z.string().min(1).max(200),
  end: z.string().min(1).max(200),
});
export type Anchor = z.infer<typeof ZAnchor>;

/** Where an annotation sits in the plain text, with its W3C quote and context. */
export interface AnchoredSpan {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

/** The plain text of a live body (the same rule as lib/articles/plain-text.ts, read from Yjs). */
export function yPlainText(fragment: Y.XmlFragment): string {
  return listYTextblocks(fragment)
    .map((block) => {
      let text = "";
      for (const child of block.element.toArray()) {
        if (child instanceof Y.XmlText) {
          for (const op of child.toDelta() as { insert: unknown }[])
            if (typeof op.insert === "string") text += op.insert;
        } else if (child instanceof Y.XmlElement && child.nodeName === "hardBreak") {
          text += "\n";
        }
      }
      return text;
    })
    .join("\n\n");
}

/** The quote with its prefix and suffix for a span of the text. */
export function quoteSpan(text: string, start: number, end: number): AnchoredSpan {
  return {
    start,
    end,
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
  };
}

/**
 * Trims whitespace (spaces, line breaks, block separators) off both ends of a span, as a
 * selection is usually meant; null when nothing but whitespace is selected. Spans therefore
 * never start or end between blocks.
 */
export function normaliseSpan(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } | null {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return e > s ? { start: s, end: e } : null;
}

/**
 * Whether a UTF-16 offset falls between the two halves of a surrogate pair: such an offset names
 * no position in code points (the W3C export's unit) and would cut the character in two.
 */
export function isInsideSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/**
 * Builds the anchor of a span of the live body's plain text (normalise it first).
 * @throws RangeError when the span is empty, reversed or outside the text
 */
export function buildAnchor(fragment: Y.XmlFragment, start: number, end: number): Anchor {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start)) {
    throw new RangeError("the span must have 0 <= start < end");
  }
  return {
    v: 1,
    start: encodeRelativePosition(textOffsetToRelativePosition(fragment, start, 0)),
    end: encodeRelativePosition(textOffsetToRelativePosition(fragment, end, -1)),
  };
}

/**
 * Finds an annotation in the body's current state. It is found only where its anchor still
 * covers exactly its quoted text; otherwise (its text deleted or changed) it is orphaned: null.
 * Never re-attached to a lookalike passage elsewhere.
 */
export function resolveAnchor(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  anchor: Anchor,
  quote: string,
  text = yPlainText(fragment),
): AnchoredSpan | null {
  const startPosition = decodeRelativePosition(anchor.start);
  const endPosition = decodeRelativePosition(anchor.end);
  if (!startPosition || !endPosition) return null;
  const start = relativePositionToTextOffset(doc, fragment, startPosition);
  const end = relativePositionToTextOffset(doc, fragment, endPosition);
  if (start === null || end === null || end <= start) return null;
  if (text.slice(start, end) !== quote) return null;
  return quoteSpan(text, start, end);
}
