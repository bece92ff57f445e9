import { PDFDocument, StandardFonts } from "pdf-lib";
import { generateArticle } from "./text.ts";

/** A report-like PDF: a running header and page numbers, about 450 words of body per page. */
export async function writeBenchPdf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const words = generateArticle(pages * 450, 3)
    .replace(/\s+/g, " ")
    .split(" ");
  let cursor = 0;
  for (let number = 1; number <= pages; number++) {
    const page = pdf.addPage([595, 842]);
    page.drawText("Annual report of the inspectorate — 2026", { x: 50, y: 800, size: 9, font });
    let y = 770;
    while (y > 60 && cursor < words.length) {
      let line = "";
      while (cursor < words.length && line.length + (words[cursor]?.length ?? 0) < 90)
        line += `${words[cursor++]} `;
      page.drawText(line.trim(), { x: 50, y, size: 10, font });
      y -= (y / 14) % 9 < 1 ? 26 : 13;
    }
    page.drawText(String(number), { x: 290, y: 30, size: 9, font });
  }
  return pdf.save();
}
