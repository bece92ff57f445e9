import type { Node as PMNode } from "@tiptap/pm/model";
import { AppError } from "../errors.ts";
import { articleSchema } from "./editor-schema.ts";
import { htmlToDoc, markdownToDoc } from "./import-html.ts";

/** Article bodies larger than this (in UTF-8 bytes of the submitted content) are refused with 413. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

export type ArticleSourceFormat = "text" | "html" | "markdown";

// C0 controls other than tab and newline, and DEL: they have no place in article text (and
// search snippets use two of them as match markers).
function isControlCharacter(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f;
}

/** Removes control characters (except tab and newline) from imported text. */
export function stripControlCharacters(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (isControlCharacter(text.charCodeAt(i))) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Builds the body document from pasted plain text: paragraphs are separated by blank lines,
 * a single line break inside a paragraph is kept as a hard break.
 * @throws AppError invalid_input when there is no text at all
 */
export function textToDoc(content: string): PMNode {
  const schema = articleSchema();
  const normalised = stripControlCharacters(content.replace(/\r\n?/g, "\n"));
  const paragraphs = normalised
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.replace(/^\n+/, "").replace(/\s+$/, ""))
    .filter((paragraph) => paragraph.trim().length > 0);
  if (paragraphs.length === 0) throw new AppError("invalid_input", "The article body is empty");
  return schema.node(
    "doc",
    null,
    paragraphs.map((paragraph) => {
      const lines = paragraph.split("\n");
      const inline: PMNode[] = [];
      lines.forEach((line, index) => {
        if (index > 0) inline.push(schema.node("hardBreak"));
        if (line.length > 0) inline.push(schema.text(line));
      });
      return schema.node("paragraph", null, inline);
    }),
  );
}

/**
 * Builds the body document from submitted content in one of the import formats.
 * @throws AppError too_large over MAX_ARTICLE_BYTES; invalid_input when empty or unparseable
 */
export function contentToDoc(format: ArticleSourceFormat, content: string): PMNode {
  if (Buffer.byteLength(content, "utf8") > MAX_ARTICLE_BYTES) {
    throw new AppError("too_large", `The article body is larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB`);
  }
  switch (format) {
    case "text":
      return textToDoc(content);
    case "html":
      return htmlToDoc(stripControlCharacters(content));
    case "markdown":
      return markdownToDoc(stripControlCharacters(content));
  }
}
