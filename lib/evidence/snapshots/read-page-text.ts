// The readable text of a fetched page, for snapshots and link checks: Readability for HTML (the
// same extractor as URL import), the PDF text extractor for PDFs, plain text as it is.
import { createHash } from "node:crypto";
import { JSDOM } from "jsdom";
import { decodeHtml } from "../../articles/decode-html.ts";
import { extractArticle } from "../../articles/extract-article.ts";
import { extractPdfText } from "../../articles/extract-pdf-text.ts";
import { AppError } from "../../errors.ts";
import type { FetchResult } from "../../fetch/fetch-url.ts";

/** Content types a snapshot is taken of. */
export const SNAPSHOT_CONTENT_TYPES = [
  "text/html",
  "application/xhtml+xml",
  "application/pdf",
  "text/plain",
] as const;

/** The readable text is cut at this many characters (a snapshot is evidence, not a mirror). */
export const MAX_SNAPSHOT_TEXT = 1_000_000;

export interface PageText {
  title: string | null;
  /** Paragraphs separated by blank lines. */
  text: string;
}

const BLOCKS = new Set([
  "P",
  "DIV",
  "SECTION",
  "ARTICLE",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "LI",
  "BLOCKQUOTE",
  "PRE",
  "TR",
  "FIGCAPTION",
  "HEADER",
  "FOOTER",
  "ASIDE",
  "UL",
  "OL",
  "TABLE",
  "DD",
  "DT",
]);
const SKIPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "OBJECT"]);

/** Text of an HTML fragment with its block structure kept as blank lines (jsdom: no scripts, no loads). */
function htmlToText(html: string): { title: string | null; text: string } {
  const dom = new JSDOM(html, { contentType: "text/html" });
  try {
    const out: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === 3) out.push((node.textContent ?? "").replace(/\s+/g, " "));
      else if (node.nodeType === 1) {
        const name = (node as Element).tagName.toUpperCase();
        if (SKIPPED.has(name)) return;
        if (name === "BR") out.push("\n");
        const block = BLOCKS.has(name);
        if (block) out.push("\n\n");
        for (const child of Array.from(node.childNodes)) walk(child);
        if (block) out.push("\n\n");
      }
    };
    walk(dom.window.document.body);
    const text = out
      .join("")
      .split(/\n{2,}/)
      .map((paragraph) =>
        paragraph
          .replace(/[ \t]*\n[ \t]*/g, "\n")
          .replace(/ {2,}/g, " ")
          .trim(),
      )
      .filter(Boolean)
      .join("\n\n");
    const title = dom.window.document.title.replace(/\s+/g, " ").trim() || null;
    return { title, text };
  } finally {
    dom.window.close();
  }
}

/**
 * The title and readable text of a fetched page. A page Readability finds no story in (a short
 * page, a list) falls back to the text of its whole body, scripts and styles left out.
 * @throws AppError fetch_unsupported_type | pdf_unreadable | pdf_no_text
 */
export async function readPageText(page: FetchResult): Promise<PageText> {
  let result: PageText;
  if (page.contentType === "application/pdf") {
    const pdf = await extractPdfText(page.body);
    result = { title: pdf.title, text: pdf.paragraphs.join("\n\n") };
  } else if (page.contentType === "text/plain") {
    result = { title: null, text: decodeHtml(page.body, page.charset).text.trim() };
  } else if (
    page.contentType === "text/html" ||
    page.contentType === "application/xhtml+xml" ||
    page.contentType === ""
  ) {
    const html = decodeHtml(page.body, page.charset).text;
    try {
      const article = extractArticle(html, page.url);
      result = { title: article.title, text: htmlToText(article.html).text || article.text };
    } catch (error) {
      if (!(error instanceof AppError && error.code === "not_an_article")) throw error;
      result = htmlToText(html);
    }
  } else {
    throw new AppError("fetch_unsupported_type", `The page's type (${page.contentType}) is not archived`);
  }
  return { title: result.title?.slice(0, 500) ?? null, text: result.text.slice(0, MAX_SNAPSHOT_TEXT) };
}

/** SHA-256 of bytes or of a string's UTF-8, lower-case hex. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
