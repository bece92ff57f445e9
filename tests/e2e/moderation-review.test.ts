// Issue 6: an annotator tags a span; a moderator, already on the review queue, sees it appear
// without reloading and rejects it with a reason using only the keyboard; the annotator's open
// article shows "Rejected" and the reason live.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { waitForAnnotationId } from "../support/annotation-polling.ts";
import { openSignedIn, selectText, sharedBrowser } from "../support/browser.ts";
import { findDemoDeskArticle } from "../support/factories.ts";

const QUOTE = "levelled both Mosul in northern Iraq";
const REASON = "Mosul's destruction is documented; tag the casualty claim instead";

describe("moderation journey", () => {
  const browser = sharedBrowser();
  let articlePath: string;
  let articleId: string;

  beforeAll(async () => {
    ({ id: articleId, path: articlePath } = await findDemoDeskArticle());
  });

  function open(email: string, path: string): Promise<Page> {
    return openSignedIn(browser(), email, path);
  }

  it("a moderator rejects a new tag with a reason by keyboard; the annotator sees it live", async () => {
    const moderator = await open("moderator@demo.test", "/t/demo-desk/review");
    await moderator.getByRole("heading", { name: "Review queue" }).waitFor();
    await moderator.getByRole("heading", { name: "Keyboard shortcuts" }).waitFor();
    const annotator = await open("annotator@demo.test", articlePath);
    await annotator.locator(".ProseMirror").waitFor({ state: "visible" });

    // The annotator tags the span as Fact with the keyboard shortcut.
    await selectText(annotator, QUOTE);
    await annotator.getByTestId("tag-popover").waitFor({ state: "visible", timeout: 5000 });
    await annotator.keyboard.press("1");
    const annotationId = await waitForAnnotationId({
      articleId,
      quote: QUOTE,
      authorEmail: "annotator@demo.test",
    });

    // It appears in the moderator's queue without a reload.
    const item = moderator.locator(`[data-annotation-id="${annotationId}"]`);
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toContain(QUOTE);

    // Keyboard only: move to it with j, press r, type the reason, Enter.
    await moderator.locator("body").click({ position: { x: 5, y: 5 } });
    for (let step = 0; step < 200; step++) {
      if ((await item.getAttribute("aria-current")) === "true") break;
      await moderator.keyboard.press("j");
    }
    expect(await item.getAttribute("aria-current")).toBe("true");
    await moderator.keyboard.press("r");
    const reason = moderator.getByLabel(/Reason for rejecting/);
    await expect
      .poll(async () => reason.evaluate((element) => element === document.activeElement))
      .toBe(true);
    await moderator.keyboard.type(REASON);
    await moderator.keyboard.press("Enter");
    await item.waitFor({ state: "detached", timeout: 5000 });
    await moderator.getByText(/Rejected: /).waitFor({ timeout: 5000 });

    // The annotator's sidebar shows the status and the reason, live.
    const entry = annotator.locator(`[data-sidebar-annotation="${annotationId}"]`);
    await entry.getByText("Rejected", { exact: true }).waitFor({ timeout: 5000 });
    await entry.getByTestId("review-note").getByText(REASON, { exact: false }).waitFor({ timeout: 5000 });

    const row = await db.annotation.findUniqueOrThrow({ where: { id: annotationId! } });
    expect(row.status).toBe("REJECTED");
    const review = await db.review.findFirstOrThrow({ where: { annotationId: annotationId! } });
    expect(review).toMatchObject({ decision: "REJECT", reason: REASON });
    await moderator.screenshot({ path: join(process.cwd(), "test-results", "moderation-queue.png") });
    await annotator.screenshot({ path: join(process.cwd(), "test-results", "moderation-annotator.png") });
    for (const page of [moderator, annotator]) await page.context().close();
  });
});
