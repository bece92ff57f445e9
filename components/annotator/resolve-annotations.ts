import * as Y from "yjs";
import { yPlainText } from "@/lib/anchors/anchor";
import { decodeRelativePosition, listYTextblocks } from "@/lib/anchors/y-text-positions";
import { isQuoteOf, type LiveAnnotation } from "@/lib/annotations/live-entry";

/**
 * A live annotation as the page shows it: with its quote, read from the body where its anchor
 * covers it (the live map carries only the quote's length and hash, lib/annotations/live-entry.ts),
 * or carried by the annotation when it is orphaned; "" while neither is known (before the body).
 */
export type ShownAnnotation = Omit<LiveAnnotation, "quote"> & { quote: string };

/** An annotation with where it sits in the current text, or null when it is orphaned. */
export interface ResolvedAnnotation {
  annotation: ShownAnnotation;
  span: { start: number; end: number } | null;
}

type Inline = Y.XmlElement | Y.XmlText | Y.XmlHook;

function inlineLength(child: Inline): number {
  if (child instanceof Y.XmlText) return child.length;
  if (child instanceof Y.XmlElement && child.nodeName === "hardBreak") return 1;
  return 0;
}

/**
 * Where every textblock and text node of the body starts in the plain text, built once per
 * body change, so that each anchor resolves in constant time (the same answers as
 * lib/anchors relativePositionToTextOffset, which walks the whole body per position).
 */
function indexBody(fragment: Y.XmlFragment) {
  const blockOffsets = new Map<Y.AbstractType<unknown>, number[]>();
  const textStarts = new Map<Y.AbstractType<unknown>, number>();
  for (const block of listYTextblocks(fragment)) {
    // offsets[i] = plain-text offset before the block's i-th child
    const offsets = [block.start];
    let offset = block.start;
    for (const child of block.element.toArray()) {
      if (child instanceof Y.XmlText) textStarts.set(child as Y.AbstractType<unknown>, offset);
      offset += inlineLength(child);
      offsets.push(offset);
    }
    blockOffsets.set(block.element as Y.AbstractType<unknown>, offsets);
  }
  return { blockOffsets, textStarts };
}

// Decoding base64 relative positions is the same work every pass: keep the results.
const decoded = new Map<string, Y.RelativePosition | null>();
function decode(encoded: string): Y.RelativePosition | null {
  let position = decoded.get(encoded);
  if (position === undefined) {
    position = decodeRelativePosition(encoded);
    if (decoded.size > 20_000) decoded.clear();
    decoded.set(encoded, position);
  }
  return position;
}

interface BodyIndex {
  doc: Y.Doc;
  fragment: Y.XmlFragment;
  key: unknown;
  text: string;
  locate: (encoded: string) => number | null;
}

function indexLiveBody(body: { doc: Y.Doc; fragment: Y.XmlFragment }, key: unknown): BodyIndex {
  const text = yPlainText(body.fragment);
  const { blockOffsets, textStarts } = indexBody(body.fragment);
  const locate = (encoded: string): number | null => {
    const relative = decode(encoded);
    if (!relative) return null;
    let absolute: Y.AbsolutePosition | null;
    try {
      absolute = Y.createAbsolutePositionFromRelativePosition(relative, body.doc);
    } catch {
      return null; // tied to Yjs items this client has not received yet
    }
    if (!absolute) return null;
    const type = absolute.type as Y.AbstractType<unknown>;
    const textStart = textStarts.get(type);
    if (textStart !== undefined) return textStart + absolute.index;
    const offsets = blockOffsets.get(type);
    if (offsets) return offsets[Math.min(absolute.index, offsets.length - 1)]!;
    return null;
  };
  return { doc: body.doc, fragment: body.fragment, key, text, locate };
}

function sameSpan(a: ResolvedAnnotation["span"], b: ResolvedAnnotation["span"]): boolean {
  return a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);
}

function inDocumentOrder(a: ResolvedAnnotation, b: ResolvedAnnotation): number {
  if (a.span && b.span) return a.span.start - b.span.start || b.span.end - a.span.end;
  if (a.span) return -1;
  if (b.span) return 1;
  return b.annotation.createdAt.localeCompare(a.annotation.createdAt);
}

/**
 * Resolves annotations against the live body, remembering between calls what it worked out:
 * the body's index (plain text, where each block and text node starts) is built once per
 * `bodyKey` (pass a value that changes whenever the body may have changed), and an annotation
 * whose anchor and quote are unchanged is not resolved again while the body is the same. An
 * unchanged annotation keeps its very ResolvedAnnotation object, so that memoised rows of the
 * sidebar skip it. The answers are those of resolveAnnotations.
 */
export function createAnnotationResolver(): (
  annotations: readonly LiveAnnotation[],
  body: { doc: Y.Doc; fragment: Y.XmlFragment } | null,
  bodyKey: unknown,
) => ResolvedAnnotation[] {
  let index: BodyIndex | null = null;
  let previous = new Map<string, { source: LiveAnnotation; item: ResolvedAnnotation }>();
  return (annotations, body, bodyKey) => {
    const bodyChanged =
      !body || !index || index.doc !== body.doc || index.fragment !== body.fragment || index.key !== bodyKey;
    if (body && bodyChanged) index = indexLiveBody(body, bodyKey);
    if (!body) index = null;
    const current = new Map<string, { source: LiveAnnotation; item: ResolvedAnnotation }>();
    const resolved = annotations.map((annotation): ResolvedAnnotation => {
      const before = previous.get(annotation.id);
      let span: ResolvedAnnotation["span"];
      let quote: string | null = annotation.quote;
      if (!index) {
        span = annotation.orphaned ? null : { start: annotation.start, end: annotation.end };
      } else if (
        before &&
        !bodyChanged &&
        before.source.anchor.start === annotation.anchor.start &&
        before.source.anchor.end === annotation.anchor.end &&
        before.source.quote === annotation.quote &&
        before.source.quoteCheck.hash === annotation.quoteCheck.hash &&
        before.source.quoteCheck.length === annotation.quoteCheck.length
      ) {
        span = before.item.span;
        quote = before.item.annotation.quote;
      } else {
        const start = index.locate(annotation.anchor.start);
        const end = index.locate(annotation.anchor.end);
        const text = start !== null && end !== null && end > start ? index.text.slice(start, end) : null;
        const anchored = text !== null && isQuoteOf(annotation, text);
        span = anchored ? { start: start!, end: end! } : null;
        if (anchored) quote = text;
      }
      // A quote not known now (no body yet, or no longer anchored here before the server says
      // it is orphaned) stays what it was last shown as.
      const shownQuote = quote ?? before?.item.annotation.quote ?? "";
      const item =
        before && before.source === annotation && before.item.annotation.quote === shownQuote
          ? sameSpan(before.item.span, span)
            ? before.item
            : { annotation: before.item.annotation, span }
          : { annotation: { ...annotation, quote: shownQuote }, span };
      current.set(annotation.id, { source: annotation, item });
      return item;
    });
    previous = current;
    return resolved.sort(inDocumentOrder);
  };
}

/**
 * Resolves every annotation's anchor against the live body in one pass and returns them in
 * document order (orphaned ones last, newest first). An annotation is anchored only where its
 * anchor still covers exactly its quote (as lib/anchors resolveAnchor decides). Before the
 * body has synced, the server's own offsets and orphaned flags are used.
 */
export function resolveAnnotations(
  annotations: readonly LiveAnnotation[],
  body: { doc: Y.Doc; fragment: Y.XmlFragment } | null,
): ResolvedAnnotation[] {
  return createAnnotationResolver()(annotations, body, null);
}
