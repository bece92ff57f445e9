// Issue 15: an Arabic and a French article are imported through the import form (language
// detected), found by search in their own language, and highlighted in Chromium: the Arabic
// highlight runs right to left inside a right-aligned paragraph, the French one left to right.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { waitForAnnotationId } from "../support/annotation-polling.ts";
import { DEMO_PASSWORD, newContext, selectText, sharedBrowser, signIn } from "../support/browser.ts";

const ARABIC_TITLE = "مجلس المدينة يوافق على حاجز الفيضانات";
const ARABIC_BODY =
  "صوت مجلس المدينة يوم الاثنين على بناء حاجز للفيضانات على طول الضفة الشرقية للنهر بعد عشر سنوات من التأخير.\n\n" +
  "وتبلغ تكلفة المشروع 148 مليون يورو، وسيبدأ البناء في ربيع عام 2027.";
const FRENCH_TITLE = "Grève prolongée à la raffinerie";
const FRENCH_BODY =
  "Les salariés de la raffinerie ont voté mardi la reconduction de la grève pour une troisième semaine.\n\n" +
  "Ils travaillaient sans contrat depuis des mois, selon les syndicats.";

/**
 * Where the first and last characters of a highlighted quote are drawn, and its paragraph's
 * edges (the highlight's text node, not the label badge the editor draws inside it).
 */
async function highlightGeometry(page: Page, selector: string, quote: string) {
  return page.evaluate(
    ({ css, text }) => {
      const element = document.querySelector(css)!;
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let holder: Text | null = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if ((node.textContent ?? "").includes(text)) holder = node as Text;
      }
      if (!holder) return null;
      const at = holder.textContent!.indexOf(text);
      const charRect = (offset: number) => {
        const range = document.createRange();
        range.setStart(holder!, offset);
        range.setEnd(holder!, offset + 1);
        return range.getBoundingClientRect();
      };
      const first = charRect(at);
      const last = charRect(at + text.length - 1);
      const paragraph = element.closest("p")!;
      const content = document.createRange();
      content.selectNodeContents(paragraph);
      const rects = Array.from(content.getClientRects());
      return {
        firstCenter: first.left + first.width / 2,
        lastCenter: last.left + last.width / 2,
        sameLine: Math.abs(first.top - last.top) < 4,
        paragraphLeft: paragraph.getBoundingClientRect().left,
        paragraphRight: paragraph.getBoundingClientRect().right,
        textLeft: Math.min(...rects.map((r) => r.left)),
        textRight: Math.max(...rects.map((r) => r.right)),
      };
    },
    { css: selector, text: quote },
  );
}

describe("articles in Arabic and French", () => {
  const browser = sharedBrowser();
  let page: Page;

  beforeAll(async () => {
    const context = await newContext(browser());
    page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, "annotator@demo.test", DEMO_PASSWORD);
  });

  async function importPasted(title: string, body: string): Promise<string> {
    await page.goto("/t/demo-desk/articles/new");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Paste the article").fill(body);
    await page.getByRole("button", { name: "Import article" }).click();
    await page.waitForURL(/\/t\/demo-desk\/articles\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await page.locator(".ProseMirror").waitFor({ state: "visible" });
    return page.url().split("/").at(-1)!;
  }

  async function tagFact(articleId: string, quote: string): Promise<string> {
    await selectText(page, quote);
    await page.getByTestId("tag-popover").waitFor({ state: "visible", timeout: 5000 });
    await page.keyboard.press("1");
    const id = await waitForAnnotationId({ articleId, quote });
    await page.locator(`[data-annotation-id="${id}"]`).first().waitFor({ timeout: 5000 });
    return id;
  }

  it("imports both with their detected language and finds each by a search in its language", async () => {
    const arabicId = await importPasted(ARABIC_TITLE, ARABIC_BODY);
    const frenchId = await importPasted(FRENCH_TITLE, FRENCH_BODY);
    const rows = await db.$queryRaw<{ id: string; language: string; config: string }[]>`
      SELECT id, language, "searchConfig"::text AS config FROM "Article" WHERE id IN (${arabicId}::uuid, ${frenchId}::uuid)`;
    expect(Object.fromEntries(rows.map((row) => [row.id, `${row.language}/${row.config}`]))).toEqual({
      [arabicId]: "ar/arabic",
      [frenchId]: "fr/french",
    });
    // Inflected forms that only each language's stemmer relates to the text.
    for (const [query, title] of [
      ["الفيضانات", ARABIC_TITLE],
      ["grèves", FRENCH_TITLE],
      ["travailler", FRENCH_TITLE],
    ] as const) {
      await page.goto(`/t/demo-desk?q=${encodeURIComponent(query)}`);
      await expect.poll(() => page.getByRole("link", { name: title }).count(), { timeout: 5000 }).toBe(1);
    }
  });

  it("highlights Arabic right to left in a right-aligned paragraph, and French left to right", async () => {
    const arabic = await db.article.findFirstOrThrow({ where: { title: ARABIC_TITLE } });
    // The server-painted body marks every paragraph dir="auto" before any script runs.
    const served = await (await page.request.get(`/t/demo-desk/articles/${arabic.id}`)).text();
    const firstParagraph =
      /<p[^>]*>([^<]*)/.exec(served.slice(served.indexOf("article-body")))?.[0] ?? served.slice(0, 300);
    expect(firstParagraph).toContain('dir="auto"');
    await page.goto(`/t/demo-desk/articles/${arabic.id}`);
    await page.locator(".ProseMirror").waitFor({ state: "visible" });
    const arabicQuote = "حاجز للفيضانات";
    const arabicHighlight = await tagFact(arabic.id, arabicQuote);
    const rtl = (await highlightGeometry(
      page,
      `.ProseMirror [data-annotation-id="${arabicHighlight}"]`,
      arabicQuote,
    ))!;
    expect(rtl.sameLine).toBe(true);
    expect(rtl.firstCenter).toBeGreaterThan(rtl.lastCenter);
    expect(Math.abs(rtl.textRight - rtl.paragraphRight)).toBeLessThan(4);
    // The sidebar quote is the stored quote, isolated so it keeps its order.
    await page.locator("bdi", { hasText: arabicQuote }).first().waitFor({ timeout: 5000 });
    const stored = await db.annotation.findUniqueOrThrow({ where: { id: arabicHighlight } });
    expect(arabic.text.slice(stored.start, stored.end)).toBe(arabicQuote);

    const french = await db.article.findFirstOrThrow({ where: { title: FRENCH_TITLE } });
    await page.goto(`/t/demo-desk/articles/${french.id}`);
    await page.locator(".ProseMirror").waitFor({ state: "visible" });
    const frenchHighlight = await tagFact(french.id, "salariés de la raffinerie");
    const ltr = (await highlightGeometry(
      page,
      `.ProseMirror [data-annotation-id="${frenchHighlight}"]`,
      "salariés de la raffinerie",
    ))!;
    expect(ltr.sameLine).toBe(true);
    expect(ltr.firstCenter).toBeLessThan(ltr.lastCenter);
    expect(Math.abs(ltr.textLeft - ltr.paragraphLeft)).toBeLessThan(4);
  });
});
