import { describe, expect, it } from "vitest";
import { extractPdfText } from "../../lib/articles/extract-pdf-text.ts";
import { refusal } from "../support/app-error.ts";
import { wrap, writeTestPdf } from "../support/pdf-writer.ts";

describe("PDF text extraction", () => {
  it("rebuilds paragraphs across lines and pages, rejoins hyphenated words, drops running headers, footers and page numbers", async () => {
    const pdf = await writeTestPdf(
      [
        [
          [
            "The court found that the ministry had breached its duty of care towards",
            "the residents of the estate.",
          ],
          [
            "Lawyers for the families said the ruling was a turning point for inter-",
            "national law on housing safety, and for tenants everywhere.",
          ],
          [
            "The ministry has twenty-eight days to appeal. A spokesperson said the",
            "department was studying the",
          ],
        ],
        [
          ["judgment carefully and would respond in due course."],
          ["The hearing on damages is set for March. Well-", "Known campaigners welcomed the decision."],
        ],
        null,
        [["Annex: the full list of claimants is held by the court registry."]],
      ],
      {
        header: "HIGH COURT OF JUSTICE — Case 2026/0412",
        footer: "Page {n} of {total}",
        title: "Judgment in Case 2026/0412",
      },
    );
    const result = await extractPdfText(pdf);
    expect(result.title).toBe("Judgment in Case 2026/0412");
    expect(result.pageCount).toBe(4);
    expect(result.paragraphs).toEqual([
      "The court found that the ministry had breached its duty of care towards the residents of the estate.",
      "Lawyers for the families said the ruling was a turning point for international law on housing safety, and for tenants everywhere.",
      // Continues across the page break (no sentence end before it).
      "The ministry has twenty-eight days to appeal. A spokesperson said the department was studying the judgment carefully and would respond in due course.",
      // A capitalised word after a line-end hyphen keeps the hyphen.
      "The hearing on damages is set for March. Well- Known campaigners welcomed the decision.",
      "Annex: the full list of claimants is held by the court registry.",
    ]);
    const all = result.paragraphs.join("\n");
    expect(all).not.toContain("HIGH COURT");
    expect(all).not.toMatch(/Page \d/);
  });

  it("keeps a one-page document's first and last lines (no running header without repetition)", async () => {
    const pdf = await writeTestPdf([
      [
        wrap(
          "Statement from the mayor's office. The mayor will not seek re-election next year, her office said on Friday.",
          60,
        ),
      ],
    ]);
    const result = await extractPdfText(pdf);
    expect(result.paragraphs).toEqual([
      "Statement from the mayor's office. The mayor will not seek re-election next year, her office said on Friday.",
    ]);
  });

  it("refuses a PDF without a text layer (a scan) with pdf_no_text", async () => {
    const error = await refusal(extractPdfText(await writeTestPdf([null, null])));
    expect(error.code).toBe("pdf_no_text");
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/scan/);
  });

  it("refuses a broken file and an encrypted PDF with pdf_unreadable", async () => {
    const broken = await refusal(
      extractPdfText(new TextEncoder().encode("%PDF-1.7\nthis is not really a pdf")),
    );
    expect(broken.code).toBe("pdf_unreadable");
    const notPdf = await refusal(extractPdfText(new TextEncoder().encode("<html>hello</html>")));
    expect(notPdf.code).toBe("pdf_unreadable");
    const encrypted = await refusal(
      extractPdfText(await writeTestPdf([[["Secret memo"]]], { encrypted: true })),
    );
    expect(encrypted.code).toBe("pdf_unreadable");
    expect(encrypted.message).toMatch(/password/);
  });
});
