import { AppError } from "../errors.ts";

/** A line of text on a PDF page, with its vertical place (PDF units, origin at the bottom). */
export interface PdfLine {
  text: string;
  y: number;
  /** The line's font size (item height), for paragraph spacing. */
  size: number;
}

export interface PdfPage {
  lines: PdfLine[];
  height: number;
}

/** What a PDF yields: the paragraphs of its body and its declared title. */
export interface PdfText {
  paragraphs: string[];
  title: string | null;
  pageCount: number;
}

interface TextItemLike {
  str: string;
  transform: number[];
  height: number;
  hasEOL?: boolean;
}

/** Groups a page's text items into lines (same baseline, left to right). */
function itemsToLines(items: TextItemLike[]): PdfLine[] {
  const lines: { y: number; size: number; parts: { x: number; text: string; width: number }[] }[] = [];
  for (const item of items) {
    if (typeof item.str !== "string" || item.str.length === 0) continue;
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const size = Math.abs(item.height) || Math.abs(item.transform[3] ?? 0) || 10;
    const line = lines.find((candidate) => Math.abs(candidate.y - y) < Math.max(2, size * 0.4));
    const part = { x, text: item.str, width: 0 };
    if (line) line.parts.push(part);
    else lines.push({ y, size, parts: [part] });
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((line) => ({
      y: line.y,
      size: line.size,
      text: line.parts
        .sort((a, b) => a.x - b.x)
        .map((part) => part.text)
        .join("")
        .replace(/\s+/g, " ")
        .trim(),
    }))
    .filter((line) => line.text.length > 0);
}

const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:page\s+|p\.\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?(?:\s*[-–—])?$/i;

/** A line's shape with digits folded, so "Page 3 — Report" on every page counts as one header. */
function lineShape(text: string): string {
  return text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
}

/**
 * Drops running headers and footers (the same line, digits aside, at the top or bottom of at
 * least half the pages, two at least) and bare page numbers at the top or bottom of a page.
 */
export function dropRunningLines(pages: PdfPage[]): PdfLine[][] {
  const EDGE = 2; // lines looked at at each edge of a page
  const counts = new Map<string, number>();
  for (const page of pages) {
    const edges = new Set(
      [...page.lines.slice(0, EDGE), ...page.lines.slice(-EDGE)].map((line) => lineShape(line.text)),
    );
    for (const shape of edges) counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  const textPages = pages.filter((page) => page.lines.length > 0).length;
  const running = new Set(
    [...counts].filter(([, count]) => count >= 2 && count >= textPages / 2).map(([shape]) => shape),
  );
  return pages.map((page) =>
    page.lines.filter((line, index) => {
      const atEdge = index < EDGE || index >= page.lines.length - EDGE;
      if (!atEdge) return true;
      if (PAGE_NUMBER.test(line.text)) return false;
      return !running.has(lineShape(line.text));
    }),
  );
}

const SENTENCE_END = /[.!?:;"”’»)\]]$/;

/** Joins one line onto a paragraph: a word hyphenated at the line end is rejoined. */
function joinLine(paragraph: string, line: string): string {
  if (paragraph.length === 0) return line;
  // "inter-" + "national" → "international"; "well-" + "Known" or "-" + digits keep the hyphen.
  if (/\p{L}-$/u.test(paragraph) && /^\p{Ll}/u.test(line)) return paragraph.slice(0, -1) + line;
  return `${paragraph} ${line}`;
}

/**
 * Rebuilds paragraphs from the pages' lines: lines are joined, a vertical gap clearly larger than
 * the usual line spacing starts a new paragraph, and a paragraph continues across a page break
 * unless its last line ends a sentence.
 */
export function linesToParagraphs(pages: PdfLine[][]): string[] {
  const paragraphs: string[] = [];
  let current = "";
  const flush = () => {
    if (current.trim()) paragraphs.push(current.trim());
    current = "";
  };
  for (const lines of pages) {
    if (lines.length === 0) continue;
    const gaps: number[] = [];
    for (let i = 1; i < lines.length; i++) gaps.push(lines[i - 1]!.y - lines[i]!.y);
    const sorted = [...gaps].sort((a, b) => a - b);
    const usual = sorted[Math.floor(sorted.length / 2)] ?? 0;
    if (current && SENTENCE_END.test(current)) flush();
    lines.forEach((line, index) => {
      if (index > 0) {
        const gap = lines[index - 1]!.y - line.y;
        const spacing = Math.min(usual || line.size * 1.2, line.size * 1.6);
        if (gap > spacing * 1.4) flush();
      }
      current = joinLine(current, line.text);
    });
  }
  flush();
  return paragraphs;
}

let pdfjs: Promise<typeof import("pdfjs-dist/legacy/build/pdf.mjs")> | undefined;

/**
 * Extracts the body text of a PDF (pdfjs-dist's legacy build, which runs in Node) and rebuilds it
 * into paragraphs: lines joined, hyphenated words rejoined, running headers, footers and page
 * numbers removed.
 * @throws AppError pdf_unreadable (broken or encrypted) | pdf_no_text (no text layer: a scan)
 */
export async function extractPdfText(bytes: Uint8Array): Promise<PdfText> {
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  const { getDocument } = await pdfjs;
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    const name = (error as { name?: string } | null)?.name;
    if (name === "PasswordException") {
      throw new AppError(
        "pdf_unreadable",
        "The PDF is encrypted with a password; upload an unprotected copy",
      );
    }
    throw new AppError(
      "pdf_unreadable",
      "The file is not a readable PDF (it is damaged or not a PDF at all)",
    );
  }
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items = content.items.filter((item) => "str" in item) as TextItemLike[];
      pages.push({ lines: itemsToLines(items), height: page.view[3] ?? 0 });
      page.cleanup();
    }
    const paragraphs = linesToParagraphs(dropRunningLines(pages));
    if (paragraphs.join("").replace(/\s/g, "").length === 0) {
      throw new AppError(
        "pdf_no_text",
        "The PDF has no text layer (it looks like a scan). Run it through OCR first, then import it again.",
      );
    }
    const info = (await document.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === "string" && info.Title.trim() ? info.Title.trim() : null;
    return { paragraphs, title, pageCount: document.numPages };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("pdf_unreadable", "The PDF could not be read to the end (it is damaged)");
  } finally {
    await task.destroy().catch(() => {});
  }
}
