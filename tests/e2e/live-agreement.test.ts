// Issue 21 item 9: the agreement panel under the article follows the live annotations, as the
// sidebar does: a viewer's panel counts a passage an annotator tags in another browser, and
// the annotator's own panel too, without a reload.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openArticlePage, selectText, sharedBrowser } from "../support/browser.ts";
import { insertDemoDeskArticle } from "../support/factories.ts";

const TEXT = "The bridge opened in 1932. Critics call it the ugliest bridge in the country.";

describe("live agreement panel", () => {
  const browser = sharedBrowser();
  let articlePath: string;

  beforeAll(async () => {
    ({ path: articlePath } = await insertDemoDeskArticle("Live agreement", TEXT));
  });

  function open(email: string): Promise<Page> {
    return openArticlePage(browser(), email, articlePath, { width: 1280 });
  }

  const panelText = (page: Page) =>
    page.getByRole("region", { name: "Agreement on this article" }).textContent();
  const factCount = (page: Page) =>
    page
      .getByRole("region", { name: "Agreement on this article" })
      .getByRole("table", { name: "Tags per label" })
      .getByRole("row", { name: /fact/ })
      .getByRole("cell")
      .first()
      .textContent();

  it("counts a passage tagged in another browser without a reload", { timeout: 120_000 }, async () => {
    const viewer = await open("viewer@demo.test");
    const annotator = await open("annotator@demo.test");
    expect(await panelText(viewer)).toContain("0 tagged passages in all");
    expect(await factCount(viewer)).toBe("0");
    // A mark that a reload would wipe.
    await viewer.evaluate(() => Object.assign(window, { notReloaded: true }));

    await selectText(annotator, "The bridge opened in 1932.");
    await annotator.getByTestId("tag-popover").waitFor({ state: "visible", timeout: 5000 });
    await annotator.keyboard.press("1");
    // The sidebar and the panel agree, in both browsers.
    for (const page of [viewer, annotator]) {
      await page.locator("[data-sidebar-annotation]").first().waitFor({ timeout: 5000 });
      await expect.poll(() => factCount(page), { timeout: 5000 }).toBe("1");
      expect(await panelText(page)).toContain("1 tagged passage in all");
    }
    expect(await viewer.evaluate(() => "notReloaded" in window)).toBe(true);
    await viewer.context().close();
    await annotator.context().close();
  });
});
