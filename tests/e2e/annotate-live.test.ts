// Issue 4: two annotators on the demo article in two browsers. One tags "34,573 airstrikes" as
// Fact and the other sees it highlighted at once, without reloading; the other tags an
// overlapping span as Opinion and the first sees both. A viewer sees the highlights but is
// offered no tagging.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { waitForAnnotationId } from "../support/annotation-polling.ts";
import { openArticlePage, selectText, sharedBrowser } from "../support/browser.ts";
import { findDemoDeskArticle } from "../support/factories.ts";

describe("live annotation", () => {
  const browser = sharedBrowser();
  let articlePath: string;
  let articleId: string;

  beforeAll(async () => {
    ({ id: articleId, path: articlePath } = await findDemoDeskArticle());
  });

  function open(email: string): Promise<Page> {
    return openArticlePage(browser(), email, articlePath);
  }

  function latestAnnotationId(email: string, quote: string): Promise<string> {
    return waitForAnnotationId({ articleId, quote, authorEmail: email });
  }

  it("two annotators see each other's overlapping highlights live; a viewer cannot tag", async () => {
    const first = await open("annotator@demo.test");
    const second = await open("annotator2@demo.test");

    // Presence: each sees the other.
    await first
      .locator('[data-testid="presence"] [data-user-name="Andy Annotator"]')
      .waitFor({ timeout: 5000 });
    await second
      .locator('[data-testid="presence"] [data-user-name="Ann Annotator"]')
      .waitFor({ timeout: 5000 });

    // Tagging goes over each page's open annotations websocket, not a server action (docs/COLLAB.md, "Commands").
    const serverActionPosts: string[] = [];
    for (const page of [first, second])
      page.on("request", (request) => {
        if (request.method() === "POST" && request.headers()["next-action"])
          serverActionPosts.push(request.url());
      });

    // The first annotator selects the figure and presses 1 (Fact).
    await selectText(first, "34,573 airstrikes");
    await first.getByTestId("tag-popover").waitFor({ state: "visible", timeout: 5000 });
    await first.keyboard.press("1");
    const factId = await latestAnnotationId("annotator@demo.test", "34,573 airstrikes");
    const factSelector = `[data-annotation-id="${factId}"][data-label="fact"]`;
    await first.locator(factSelector).first().waitFor({ timeout: 5000 });
    await first.getByTestId("tag-popover").waitFor({ state: "detached", timeout: 5000 });
    // Both clients get it from the same live document; the second, without reloading, within a second.
    await second.locator(factSelector).first().waitFor({ timeout: 1000 });
    expect(await second.locator(factSelector).allTextContents()).toEqual(["34,573 airstrikes"]);

    // The second tags an overlapping, longer span as Opinion with a note.
    await selectText(second, "conducted a total of 34,573 airstrikes");
    const popover = second.getByTestId("tag-popover");
    await popover.waitFor({ state: "visible", timeout: 5000 });
    await popover.getByLabel("Note (optional)").fill("Coalition's own count");
    await second.screenshot({ path: join(process.cwd(), "test-results", "annotate-popover.png") });
    await popover.getByRole("button", { name: "Opinion", exact: true }).click();
    const opinionId = await latestAnnotationId(
      "annotator2@demo.test",
      "conducted a total of 34,573 airstrikes",
    );
    const opinionSelector = `[data-annotation-id="${opinionId}"][data-label="opinion"]`;
    expect(serverActionPosts).toEqual([]);

    for (const page of [first, second]) {
      await page.locator(opinionSelector).first().waitFor({ timeout: 5000 });
      expect((await page.locator(opinionSelector).allTextContents()).join("")).toBe(
        "conducted a total of 34,573 airstrikes",
      );
      // The overlap shows both labels: the figure's text sits inside both highlight elements.
      const labelsOnFigure = await page.evaluate(() => {
        const root = document.querySelector(".ProseMirror")!;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.textContent?.includes("34,573")) continue;
          const labels: string[] = [];
          for (let element = node.parentElement; element && element !== root; element = element.parentElement)
            if (element.dataset.annotationId) labels.push(element.dataset.label ?? "");
          return labels.sort();
        }
        return [];
      });
      expect(labelsOnFigure).toEqual(["fact", "opinion"]);
      // The sidebar lists both in document order, with the note and the per-label counts.
      const list = page.getByTestId("annotation-list");
      await list.locator(`[data-sidebar-annotation="${opinionId}"]`).waitFor({ timeout: 5000 });
      const order = await list
        .locator("[data-sidebar-annotation]")
        .evaluateAll((items) => items.map((item) => item.getAttribute("data-sidebar-annotation")));
      expect(order.indexOf(opinionId)).toBeLessThan(order.indexOf(factId));
      expect(await list.locator(`[data-sidebar-annotation="${opinionId}"]`).textContent()).toContain(
        "Coalition's own count",
      );
    }
    const note = await db.annotation.findUniqueOrThrow({ where: { id: opinionId } });
    expect(note.note).toBe("Coalition's own count");
    expect(note.label).toBe("OPINION");

    // Clicking the overlap offers a choice between the two highlights.
    await first.locator(factSelector).first().click();
    const menu = first.getByRole("menu", { name: "Highlights here" });
    await menu.waitFor({ timeout: 5000 });
    expect(await menu.getByRole("menuitem").count()).toBe(2);
    await menu.getByRole("menuitem", { name: /Opinion/ }).click();
    await first
      .locator(`[data-sidebar-annotation="${opinionId}"] button[aria-current="true"]`)
      .waitFor({ timeout: 5000 });

    await first.screenshot({ path: join(process.cwd(), "test-results", "annotate-live.png") });

    // A viewer sees both highlights but is offered no tagging, by popover or by keys.
    const viewer = await open("viewer@demo.test");
    await viewer.locator(factSelector).first().waitFor({ timeout: 5000 });
    await viewer.locator(opinionSelector).first().waitFor({ timeout: 5000 });
    const before = await db.annotation.count({ where: { articleId } });
    await selectText(viewer, "at least 1,335 civilians");
    await viewer.waitForTimeout(400);
    expect(await viewer.getByTestId("tag-popover").count()).toBe(0);
    await viewer.keyboard.press("1");
    await viewer.waitForTimeout(800);
    expect(await db.annotation.count({ where: { articleId } })).toBe(before);

    // The author relabels her highlight from the sidebar; everyone sees it change.
    const item = first.locator(`[data-sidebar-annotation="${factId}"]`);
    await item.getByRole("button", { name: "Edit" }).click();
    await item.getByLabel("Label").selectOption("advocacy");
    await item.getByRole("button", { name: "Save" }).click();
    for (const page of [first, second, viewer]) {
      await page
        .locator(`[data-annotation-id="${factId}"][data-label="advocacy"]`)
        .first()
        .waitFor({ timeout: 5000 });
    }
    // Others are offered no edit controls on it.
    expect(
      await second
        .locator(`[data-sidebar-annotation="${factId}"]`)
        .getByRole("button", { name: "Edit" })
        .count(),
    ).toBe(0);

    for (const page of [first, second, viewer]) await page.context().close();
  }, 150_000);
});
