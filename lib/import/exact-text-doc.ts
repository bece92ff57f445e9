import type { Node as PMNode } from "@tiptap/pm/model";
import { articleSchema } from "../articles/editor-schema.ts";
import { BLOCK_SEPARATOR, docToPlainText, HARD_BREAK } from "../articles/plain-text.ts";
import { AppError } from "../errors.ts";

/**
 * Builds a body document whose plain text is exactly `text` (docs/TEXT-MODEL.md read backwards):
 * every "\n\n" separates paragraphs, every other "\n" is a hard break, nothing is trimmed or
 * collapsed, so exported offsets stay valid. Headings and lists come back as paragraphs.
 * @throws AppError invalid_input when the text cannot be reproduced exactly
 */
export function exactTextToDoc(text: string): PMNode {
  const schema = articleSchema();
  const paragraphs = text.split(BLOCK_SEPARATOR).map((block) => {
    const inline: PMNode[] = [];
    block.split(HARD_BREAK).forEach((line, index) => {
      if (index > 0) inline.push(schema.node("hardBreak"));
      if (line.length > 0) inline.push(schema.text(line));
    });
    return schema.node("paragraph", null, inline);
  });
  const doc = schema.node("doc", null, paragraphs);
  if (docToPlainText(doc) !== text) {
    throw new AppError("invalid_input", "The article text cannot be reproduced exactly");
  }
  return doc;
}
