// Issue 21 item 6: annotating without a mouse. An annotator tabs into the article body (a
// read-only text box with a caret), moves with the arrow keys, selects with Shift+arrows and
// presses 1: the passage is tagged as a fact and a screen reader hears it. N jumps to the next
// highlight in reading order and announces its label, status and evidence counts; Enter opens
// it in the sidebar. Typing changes nothing.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { DEMO_PASSWORD, newContext, sharedBrowser, signIn } from "../support/browser.ts";
import { insertDemoDeskArticle } from "../support/factories.ts";

const TEXT = "Alpha beta gamma delta. The mayor said the bridge is safe.\n\nSecond paragraph here.";

describe("caret browsing", () => {
  const browser = sharedBrowser();
  let articleId: string;
  let articlePath: string;
  let storedText: string;

  beforeAll(async () => {
    const created = await insertDemoDeskArticle("Caret browsing", TEXT);
    articleId = created.article.id;
    articlePath = created.path;
    storedText = created.article.text;
  });

  async function open(email: string): Promise<Page> {
    const context = await newContext(browser());
    const page = await context.newPage();
    page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, email, DEMO_PASSWORD);
    await page.goto(articlePath);
    await page.locator(".ProseMirror").waitFor({ state: "visible", timeout: 30_000 });
    return page;
  }

  const bodyHasFocus = (page: Page) =>
    page.evaluate(() => document.activeElement?.classList.contains("ProseMirror") ?? false);
  const announcement = (page: Page) => page.getByTestId("caret-announcement").textContent();

  it("an annotator tags a passage with the keyboard alone and reaches highlights in reading order", {
    timeout: 120_000,
  }, async () => {
    const page = await open("annotator@demo.test");
    const body = page.locator(".ProseMirror");
    expect(await body.getAttribute("role")).toBe("textbox");
    expect(await body.getAttribute("aria-readonly")).toBe("true");
    expect(await body.getAttribute("aria-describedby")).toBeTruthy();

    // Tab into the body.
    for (let i = 0; i < 60 && !(await bodyHasFocus(page)); i++) await page.keyboard.press("Tab");
    expect(await bodyHasFocus(page)).toBe(true);
    // The caret is visible: a collapsed selection inside the body, drawn in a visible colour.
    expect(await body.evaluate((element) => getComputedStyle(element).caretColor !== "transparent")).toBe(
      true,
    );

    // Typing, deleting and Enter change nothing.
    await page.keyboard.press("Control+Home");
    for (const key of ["x", "Backspace", "Delete", "Enter", "Shift+Enter"]) await page.keyboard.press(key);
    expect(await body.textContent()).toContain("Alpha beta gamma delta.");
    expect(await page.locator(".ProseMirror p").count()).toBe(2);

    // A label key without a selection says what to do.
    await page.keyboard.press("1");
    await expect.poll(() => announcement(page)).toContain("Select text first");

    // Move past "Alpha ", select "beta gamma" with Shift+arrows, press 1.
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
    for (let i = 0; i < 10; i++) await page.keyboard.press("Shift+ArrowRight");
    const popover = page.getByTestId("tag-popover");
    await popover.waitFor({ state: "visible", timeout: 5000 });
    // The popover opens at the first selected character and follows the selection as it grows.
    await expect.poll(() => popover.textContent(), { timeout: 5000 }).toContain("beta gamma");
    await page.keyboard.press("1");
    await expect
      .poll(
        () =>
          db.annotation.findFirst({
            where: { articleId, quote: "beta gamma", deletedAt: null },
            select: { label: true, author: { select: { email: true } } },
          }),
        { timeout: 5000 },
      )
      .toEqual({ label: "FACT", author: { email: "annotator@demo.test" } });
    await expect.poll(() => announcement(page), { timeout: 5000 }).toContain("Tagged “beta gamma” as Fact");
    // Focus stayed in the body, the popover closed.
    expect(await bodyHasFocus(page)).toBe(true);
    await popover.waitFor({ state: "detached", timeout: 5000 });
    await page.locator('.ProseMirror [data-label="fact"]').first().waitFor({ timeout: 5000 });

    // From the start, N reaches the highlight and announces label, author, status and evidence.
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("n");
    await expect
      .poll(() => announcement(page), { timeout: 5000 })
      .toContain("Fact by Ann Annotator, pending review, 0 corroborating sources, 0 contradicting sources");
    // Past the last highlight, N says so.
    await page.keyboard.press("n");
    await expect.poll(() => announcement(page)).toContain("No more highlights");
    // From the end, P goes back to it; Enter opens it in the sidebar (focus moves there).
    await page.keyboard.press("Control+End");
    await page.keyboard.press("p");
    await expect.poll(() => announcement(page)).toContain("Fact by Ann Annotator");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest("[data-sidebar-annotation]") !== null))
      .toBe(true);

    // Nothing typed reached the article.
    const article = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(article.text).toBe(storedText);
    expect(await body.textContent()).not.toContain("xAlpha");
    await page.context().close();
  });
});
