import { PDFDocument, PDFHexString, StandardFonts } from "pdf-lib";

/** One page of a generated test PDF: paragraphs of pre-broken lines (null: a page with no text). */
export type TestPdfPage = string[][] | null;

export interface TestPdfOptions {
  /** A running header printed at the top of every page with text. */
  header?: string;
  /** A running footer; `{n}` and `{total}` are replaced by the page number and count. */
  footer?: string;
  title?: string;
  /** Add a Standard-security /Encrypt dictionary whose user password is not empty. */
  encrypted?: boolean;
}

/**
 * Writes a PDF whose text layer the tests control line by line (pdf-lib, Helvetica): body lines
 * 16 pt apart, paragraphs 30 pt apart, a running header and footer on every page with text.
 */
export async function writeTestPdf(pages: TestPdfPage[], options: TestPdfOptions = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  if (options.title) pdf.setTitle(options.title);
  pages.forEach((paragraphs, index) => {
    const page = pdf.addPage([595, 842]);
    if (!paragraphs) {
      // A "scanned" page: a filled rectangle standing in for the image, no text at all.
      page.drawRectangle({ x: 50, y: 100, width: 495, height: 650 });
      return;
    }
    if (options.header) page.drawText(options.header, { x: 50, y: 800, size: 9, font });
    let y = 760;
    for (const lines of paragraphs) {
      for (const line of lines) {
        page.drawText(line, { x: 50, y, size: 11, font });
        y -= 16;
      }
      y -= 14;
    }
    if (options.footer) {
      const text = options.footer.replace("{n}", String(index + 1)).replace("{total}", String(pages.length));
      page.drawText(text, { x: 270, y: 30, size: 9, font });
    }
  });
  if (options.encrypted) {
    const encrypt = pdf.context.obj({
      Filter: "Standard",
      V: 1,
      R: 2,
      O: PDFHexString.of("0".repeat(64)),
      U: PDFHexString.of("1f".repeat(32)),
      P: -44,
    });
    pdf.context.trailerInfo.Encrypt = pdf.context.register(encrypt);
    pdf.context.trailerInfo.ID = pdf.context.obj([
      PDFHexString.of("ab".repeat(16)),
      PDFHexString.of("ab".repeat(16)),
    ]);
  }
  return pdf.save({ useObjectStreams: false });
}

/** Splits a paragraph into lines of at most `width` characters at spaces (no hyphenation). */
export function wrap(text: string, width = 80): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
