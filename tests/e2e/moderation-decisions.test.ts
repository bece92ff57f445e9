// Issue 21 item 10: the review queue's Rejected view says what it lists, shows the decision, its
// reason, the moderator and the time, and offers "Reopen" instead of approve/reject; reopening
// puts the annotation back in the pending view. The author's notification names the article and
// the passage and links to the passage.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { reviewAnnotation } from "../../lib/reviews/review-annotation.ts";
import { openSignedIn, sharedBrowser } from "../support/browser.ts";
import { actorForEmail, insertDemoDeskArticle, insertQuotedAnnotation } from "../support/factories.ts";

const TITLE = "Decisions visible: the council budget";
const TEXT = "The council approved a budget of 12 million euros on Monday.\n\nThe mayor called it a triumph.";
const QUOTE = "a budget of 12 million euros";
const REASON = "The minutes say 11.8 million";

describe("decided annotations in the review queue", () => {
  const browser = sharedBrowser();
  let annotationId: string;
  let articlePath: string;

  beforeAll(async () => {
    const { article, path, teamId } = await insertDemoDeskArticle(TITLE, TEXT);
    articlePath = path;
    const author = await db.user.findUniqueOrThrow({ where: { email: "annotator@demo.test" } });
    const annotation = await insertQuotedAnnotation({
      teamId,
      articleId: article.id,
      authorId: author.id,
      label: "FACT",
      text: article.text,
      quote: QUOTE,
    });
    annotationId = annotation.id;
    await reviewAnnotation({
      actor: await actorForEmail("moderator@demo.test"),
      annotationId,
      input: { decision: "reject", reason: REASON },
    });
  });

  function open(email: string, path: string): Promise<Page> {
    return openSignedIn(browser(), email, path);
  }

  it("shows the decision, reason, moderator and time, and reopens instead of approving", async () => {
    const page = await open("admin@demo.test", "/t/demo-desk/review");
    await page.getByRole("heading", { name: "Awaiting review" }).waitFor();
    await page.getByLabel("Status").selectOption("rejected");
    await page.getByRole("heading", { name: "Rejected annotations" }).waitFor();
    const item = page.locator(`[data-annotation-id="${annotationId}"]`);
    await item.waitFor({ timeout: 10_000 });
    const decision = item.getByTestId("decision");
    expect(await decision.textContent()).toMatch(/^Rejected by Mo Moderator · /);
    expect(await decision.textContent()).toContain(`Reason: ${REASON}`);
    const when = await decision.locator("time").getAttribute("datetime");
    expect(Number.isNaN(Date.parse(when ?? ""))).toBe(false);
    // No approve, reject or relabel here, by button or by key.
    const review = item.getByRole("button", { name: "Review", exact: true });
    if (await review.count()) await review.click();
    await item.getByRole("button", { name: "Reopen for review" }).waitFor();
    expect(await item.getByRole("button", { name: /Approve|Reject|Relabel/ }).count()).toBe(0);
    expect(await item.getByRole("checkbox").count()).toBe(0);
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("a");
    await page.waitForTimeout(500);
    expect((await db.annotation.findUniqueOrThrow({ where: { id: annotationId } })).status).toBe("REJECTED");

    await item.getByRole("button", { name: "Reopen for review" }).click();
    await item.waitFor({ state: "detached", timeout: 5000 });
    await page.getByText(/Reopened: .* is pending review again/).waitFor();
    const row = await db.annotation.findUniqueOrThrow({ where: { id: annotationId } });
    expect(row.status).toBe("PENDING");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { entityId: annotationId, action: "annotation.reopen" },
      include: { actor: true },
    });
    expect(audit.actor?.email).toBe("admin@demo.test");

    await page.getByLabel("Status").selectOption("pending");
    await page.getByRole("heading", { name: "Awaiting review" }).waitFor();
    await page.locator(`[data-annotation-id="${annotationId}"]`).waitFor({ timeout: 10_000 });
    await page.context().close();
  });

  it("the author's notifications name the article and passage and link to the passage", async () => {
    const page = await open("annotator@demo.test", "/t/demo-desk");
    await page.getByRole("button", { name: /Notifications/ }).click();
    const link = page.getByRole("link", {
      name: /Mo Moderator rejected your tag “a budget of 12 million euros”/,
    });
    await link.first().waitFor();
    expect(await link.first().textContent()).toContain(`in “${TITLE}”: “${REASON}”`);
    expect(await link.first().getAttribute("href")).toBe(`${articlePath}?annotation=${annotationId}`);
    const reopened = page.getByRole("link", {
      name: /Ada Admin reopened your tag “a budget of 12 million euros”/,
    });
    await reopened.waitFor();
    await reopened.click();
    await page.waitForURL(
      (url) => url.pathname === articlePath && url.search === `?annotation=${annotationId}`,
    );
    await page.getByRole("heading", { name: TITLE }).waitFor();
    await page.context().close();
  });
});
