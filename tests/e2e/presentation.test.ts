// Issue 21 item 12, presentation: imported headings look like headings; one date style in the
// reader's locale; long titles wrap with the full title on hover; the navigation fits one row
// at 1280 px for every role; on a 390 px phone the tag popover stays on screen and the
// annotations are one tap away (tabs), not past the whole article; a viewer who selects text is
// told why nothing happens; a favicon. Also takes the phone screenshots in docs/screenshots
// (written there when UPDATE_SCREENSHOTS=1, to test-results/ otherwise).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { formatDate } from "../../lib/format/dates.ts";
import { DEMO_PASSWORD, newContext, selectText, sharedBrowser, signIn } from "../support/browser.ts";

const LONG_TITLE = `A very long headline ${"that keeps going and going ".repeat(8)}until the end`;
const MARKDOWN = [
  "# First-level heading",
  "Opening paragraph under the first heading, with enough words to wrap on a phone screen.",
  "## Second-level heading",
  "A paragraph about the council budget and the bridge that critics call reckless.",
  "### Third-level heading",
  "Another paragraph.",
  "#### Fourth-level heading",
  ...Array.from(
    { length: 30 },
    (_, i) => `Paragraph ${i + 1} of a long article that fills the phone screen.`,
  ),
].join("\n\n");

const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS
  ? join(process.cwd(), "docs", "screenshots")
  : join(process.cwd(), "test-results");

describe("presentation", () => {
  const browser = sharedBrowser();
  let articlePath: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const team = await db.team.findUniqueOrThrow({ where: { slug: "demo-desk" } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } });
    const article = await db.$transaction((tx) =>
      insertArticle(tx, {
        teamId: team.id,
        importedById: admin.id,
        title: LONG_TITLE,
        format: "markdown",
        content: MARKDOWN,
        publishedAt: new Date("2026-03-04T00:00:00Z"),
      }),
    );
    articlePath = `/t/demo-desk/articles/${article.id}`;
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function open(
    email: string,
    path: string,
    options: { width?: number; height?: number; locale?: string } = {},
  ): Promise<Page> {
    const context = await newContext(browser(), { locale: options.locale ?? "en-GB", timezoneId: "UTC" });
    contexts.push(context);
    const page = await context.newPage();
    await page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 900 });
    await signIn(page, email, DEMO_PASSWORD);
    await page.goto(path);
    return page;
  }

  it("imported headings look like headings", { timeout: 120_000 }, async () => {
    const page = await open("viewer@demo.test", articlePath);
    await page.locator(".ProseMirror").waitFor({ state: "visible", timeout: 30_000 });
    const styles = await page.evaluate(() => {
      const body = document.querySelector(".ProseMirror")!;
      const size = (selector: string) => {
        const element = body.querySelector(selector)!;
        const style = getComputedStyle(element);
        return { size: Number.parseFloat(style.fontSize), weight: Number(style.fontWeight) };
      };
      return { p: size("p"), h1: size("h1"), h2: size("h2"), h3: size("h3"), h4: size("h4") };
    });
    for (const level of ["h1", "h2", "h3", "h4"] as const) {
      expect(styles[level].weight, level).toBeGreaterThanOrEqual(700);
      expect(styles[level].size, level).toBeGreaterThanOrEqual(styles.p.size);
    }
    expect(styles.h1.size).toBeGreaterThan(styles.h2.size);
    expect(styles.h2.size).toBeGreaterThan(styles.h3.size);
    expect(styles.h3.size).toBeGreaterThan(styles.p.size);
  });

  it("dates in the reader's locale, one style, full date on hover; long titles wrap with the title on hover", {
    timeout: 120_000,
  }, async () => {
    for (const locale of ["en-US", "de-DE"]) {
      const page = await open("viewer@demo.test", "/t/demo-desk", { locale });
      const link = page.getByRole("link", { name: LONG_TITLE });
      await link.waitFor();
      expect(await link.getAttribute("title")).toBe(LONG_TITLE);
      const item = page.locator("li", { has: link });
      const published = item.locator("time").first();
      await expect.poll(() => published.getAttribute("data-local-time")).toBe("reader");
      expect(await published.textContent()).toBe(formatDate("2026-03-04T00:00:00Z", locale, "UTC"));
      expect(await published.getAttribute("title")).toBeTruthy();
      // Nothing spills out sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

      await page.goto(articlePath);
      const heading = page.getByRole("heading", { level: 1, name: LONG_TITLE });
      await heading.waitFor();
      const box = (await heading.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
      const date = page.locator("header time").first();
      await expect.poll(() => date.getAttribute("data-local-time")).toBe("reader");
      expect(await date.textContent()).toBe(formatDate("2026-03-04T00:00:00Z", locale, "UTC"));
    }
  });

  it("the navigation fits one row at 1280 px for every role", { timeout: 120_000 }, async () => {
    for (const email of [
      "admin@demo.test",
      "moderator@demo.test",
      "annotator@demo.test",
      "viewer@demo.test",
    ]) {
      const page = await open(email, "/t/demo-desk");
      const header = page.locator("header").first();
      await page.getByRole("navigation", { name: "Team" }).waitFor();
      const tops = await header.evaluate((element) => {
        const row = element.firstElementChild!;
        return [...row.children].map((child) => {
          const rect = child.getBoundingClientRect();
          return Math.round(rect.top + rect.height / 2);
        });
      });
      const spread = Math.max(...tops) - Math.min(...tops);
      expect(spread, `${email}: header items ${tops.join(", ")}`).toBeLessThanOrEqual(4);
      const links = await page.getByRole("navigation", { name: "Team" }).getByRole("link").all();
      const linkTops = new Set<number>();
      for (const link of links) linkTops.add(Math.round((await link.boundingBox())!.y));
      expect(linkTops.size, email).toBe(1);
    }
  });

  it("on a 390 px phone: the popover stays on screen and the annotations are a tab away", {
    timeout: 120_000,
  }, async () => {
    const page = await open("annotator@demo.test", articlePath, { width: 390, height: 844 });
    await page.locator(".ProseMirror").waitFor({ state: "visible", timeout: 30_000 });
    // The tabs are at the top, before the article's text.
    const tabs = page.getByRole("tablist", { name: "Article and annotations" });
    await tabs.waitFor();
    const tabsBox = (await tabs.boundingBox())!;
    const bodyBox = (await page.locator(".ProseMirror").boundingBox())!;
    expect(tabsBox.y).toBeLessThan(bodyBox.y);

    // A selection near the right edge: the popover stays inside the screen.
    await selectText(page, "critics call reckless");
    const popover = page.getByTestId("tag-popover");
    await popover.waitFor({ state: "visible", timeout: 5000 });
    const box = (await popover.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await popover.getByRole("button", { name: "Opinion", exact: true }).click();
    await popover.waitFor({ state: "detached", timeout: 5000 });
    // The screenshot for docs/: the sticky tabs over a heading and the new highlight.
    await page.locator('.ProseMirror [data-label="opinion"]').first().waitFor({ timeout: 5000 });
    await page.locator(".ProseMirror h2").scrollIntoViewIfNeeded();
    await page.evaluate(() => {
      window.getSelection()?.removeAllRanges();
      (document.activeElement as HTMLElement | null)?.blur();
    });
    await page.screenshot({ path: join(SCREENSHOT_DIR, "article-390.png") });

    // One tap on "Annotations" shows the list, at the top, without scrolling through the article.
    await tabs.getByRole("tab", { name: /Annotations/ }).click();
    const list = page.getByTestId("annotation-list");
    await list.waitFor({ state: "visible", timeout: 5000 });
    expect(await page.locator(".ProseMirror").isVisible()).toBe(false);
    expect((await list.boundingBox())!.y).toBeLessThan(844 * 1.5);
    // Choosing an annotation opens it there (its evidence and discussion); the Article tab then
    // shows the article at its highlight.
    const row = list.locator("[data-sidebar-annotation]").first();
    await row.getByRole("button").first().click();
    await row.getByRole("heading", { name: /Discussion/ }).waitFor({ timeout: 10_000 });
    await tabs.getByRole("tab", { name: "Article" }).click();
    await page.locator(".ProseMirror").waitFor({ state: "visible", timeout: 5000 });
    const active = page.locator(".ProseMirror .hl-active").first();
    await active.waitFor({ timeout: 5000 });
    await expect
      .poll(
        () =>
          active.evaluate((element) => {
            const rect = element.getBoundingClientRect();
            return rect.top >= 0 && rect.bottom <= window.innerHeight;
          }),
        { timeout: 5000 },
      )
      .toBe(true);
  });

  it("a viewer who selects text is told why nothing happens", { timeout: 120_000 }, async () => {
    const page = await open("viewer@demo.test", articlePath);
    await page.locator(".ProseMirror").waitFor({ state: "visible", timeout: 30_000 });
    const notice = page.getByTestId("read-only-notice");
    expect(await notice.getAttribute("aria-live")).toBe("polite");
    expect((await notice.textContent())?.trim()).toBe("");
    await selectText(page, "council budget");
    await expect.poll(() => notice.textContent(), { timeout: 5000 }).toContain("viewer");
    expect(await page.getByTestId("tag-popover").count()).toBe(0);
  });

  it("the review queue on a phone (screenshot) and a favicon", { timeout: 120_000 }, async () => {
    const page = await open("moderator@demo.test", "/t/demo-desk/review", { width: 390, height: 844 });
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "review-queue-390.png") });

    const icon = page.locator('head link[rel="icon"]');
    const href = await icon.first().getAttribute("href");
    expect(href).toMatch(/^\/icon\.svg/);
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("image/svg+xml");
  });
});
