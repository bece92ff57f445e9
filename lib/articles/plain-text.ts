import type { Node as PMNode } from "@tiptap/pm/model";

/**
 * THE rule that turns an article body into the plain text that annotation offsets, search
 * and exports count in (documented in docs/TEXT-MODEL.md; exporters depend on it):
 *
 * - every textblock (paragraph, heading) contributes its text, in document order, including
 *   the textblocks inside list items and block quotes;
 * - a hard break inside a textblock becomes "\n";
 * - consecutive textblocks are separated by exactly "\n\n";
 * - nothing else (no bullets, no numbering, no markup) is added.
 *
 * Offsets into the result are JavaScript string indices (UTF-16 code units).
 */
export const BLOCK_SEPARATOR = "\n\n";
export const HARD_BREAK = "\n";

/** A textblock's place in the plain text and in the ProseMirror document. */
export interface TextblockSpan {
  /** Offset of the block's first character in the plain text. */
  textStart: number;
  /** Offset just after the block's last character. */
  textEnd: number;
  /** ProseMirror position of the block's content start (block position + 1). */
  pmStart: number;
}

/** Computes the plain text of a ProseMirror document and where each textblock lies in it. */
export function plainTextWithMap(doc: PMNode): { text: string; blocks: TextblockSpan[] } {
  const parts: string[] = [];
  const blocks: TextblockSpan[] = [];
  let length = 0;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (blocks.length > 0) {
      parts.push(BLOCK_SEPARATOR);
      length += BLOCK_SEPARATOR.length;
    }
    let blockText = "";
    node.forEach((child) => {
      if (child.isText) blockText += child.text ?? "";
      else if (child.type.name === "hardBreak") blockText += HARD_BREAK;
      // other inline leaves (none in the article schema) contribute nothing
    });
    blocks.push({ textStart: length, textEnd: length + blockText.length, pmStart: pos + 1 });
    parts.push(blockText);
    length += blockText.length;
    return false;
  });
  return { text: parts.join(""), blocks };
}

/** The plain text of a ProseMirror document (see the rule above). */
export function docToPlainText(doc: PMNode): string {
  return plainTextWithMap(doc).text;
}
