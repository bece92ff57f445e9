import { fromBase64, toBase64 } from "lib0/buffer";
import * as Y from "yjs";
import { BLOCK_SEPARATOR } from "../articles/plain-text.ts";

// The textblock node types of the article schema (lib/articles/editor-schema.ts). Everything
// else is a container (lists, quotes) or an inline leaf (hard break).
const TEXTBLOCKS = new Set(["paragraph", "heading"]);
const HARD_BREAK = "hardBreak";

interface BlockEntry {
  element: Y.XmlElement;
  /** Offset of the block's first character in the plain text. */
  start: number;
  length: number;
}

function childLength(child: Y.XmlElement | Y.XmlText | Y.XmlHook): number {
  if (child instanceof Y.XmlText) return child.length;
  if (child instanceof Y.XmlElement && child.nodeName === HARD_BREAK) return 1;
  return 0;
}

/**
 * Lists the textblocks of a body fragment with their place in the plain text, following the
 * rule of lib/articles/plain-text.ts (blocks in document order, joined by a blank line, a hard
 * break counting one character). Offsets are UTF-16 code units, as Yjs counts text.
 */
export function listYTextblocks(fragment: Y.XmlFragment): BlockEntry[] {
  const blocks: BlockEntry[] = [];
  let offset = 0;
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (TEXTBLOCKS.has(child.nodeName)) {
        if (blocks.length > 0) offset += BLOCK_SEPARATOR.length;
        let length = 0;
        for (const inline of child.toArray()) length += childLength(inline);
        blocks.push({ element: child, start: offset, length });
        offset += length;
      } else {
        visit(child);
      }
    }
  };
  visit(fragment);
  return blocks;
}

/**
 * Makes a Yjs relative position for a plain-text offset. `assoc` 0 ties it to the character
 * after the offset (for a start), -1 to the character before it (for an end), so text typed at
 * either edge of a highlight stays outside it. Offsets inside a block separator move to the
 * nearest block in the direction of the span.
 * @throws RangeError when the offset is outside the text
 */
export function textOffsetToRelativePosition(
  fragment: Y.XmlFragment,
  offset: number,
  assoc: 0 | -1,
): Y.RelativePosition {
  const blocks = listYTextblocks(fragment);
  if (blocks.length === 0 || offset < 0) throw new RangeError(`offset ${offset} is outside the text`);
  let block: BlockEntry | undefined;
  let local = 0;
  if (assoc === 0) {
    block =
      blocks.find((b) => offset <= b.start + b.length && offset >= b.start) ??
      blocks.find((b) => b.start >= offset);
    if (block && offset === block.start + block.length && block !== blocks.at(-1) && block.length > 0) {
      // A start at the very end of a block belongs to the next block's beginning.
      const next = blocks[blocks.indexOf(block) + 1]!;
      block = next;
    }
    local = block ? Math.max(0, offset - block.start) : 0;
  } else {
    block =
      [...blocks].reverse().find((b) => offset >= b.start && offset <= b.start + b.length) ??
      [...blocks].reverse().find((b) => b.start + b.length <= offset);
    local = block ? Math.min(block.length, offset - block.start) : 0;
  }
  if (!block) throw new RangeError(`offset ${offset} is outside the text`);
  const last = blocks.at(-1)!;
  if (offset > last.start + last.length) throw new RangeError(`offset ${offset} is outside the text`);

  // Find the inline child that holds `local`.
  let consumed = 0;
  const children = block.element.toArray();
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    const length = childLength(child);
    if (child instanceof Y.XmlText) {
      const inside = assoc === 0 ? local < consumed + length : local <= consumed + length && local > consumed;
      if (inside) return Y.createRelativePositionFromTypeIndex(child, local - consumed, assoc);
    }
    consumed += length;
  }
  // An empty block, or a position next to a hard break: anchor on the block's children.
  let childIndex = 0;
  let running = 0;
  for (const child of children) {
    if (running >= local) break;
    running += childLength(child);
    childIndex++;
  }
  return Y.createRelativePositionFromTypeIndex(block.element, childIndex, assoc);
}

/**
 * Resolves a relative position to a plain-text offset in the document's current state; null
 * when the text it was tied to is gone (its block deleted, or its item garbage-collected).
 */
export function relativePositionToTextOffset(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  position: Y.RelativePosition,
): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (!absolute) return null;
  for (const block of listYTextblocks(fragment)) {
    if (absolute.type === block.element) {
      let offset = block.start;
      const children = block.element.toArray();
      for (let i = 0; i < Math.min(absolute.index, children.length); i++) offset += childLength(children[i]!);
      return offset;
    }
    let offset = block.start;
    for (const child of block.element.toArray()) {
      if (child === absolute.type) return offset + absolute.index;
      offset += childLength(child);
    }
  }
  return null;
}

/** Encodes a relative position for storage (base64). */
export function encodeRelativePosition(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

/** Decodes a stored relative position; null when it is not one. */
export function decodeRelativePosition(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}
