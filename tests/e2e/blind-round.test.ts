// Issue 17: two annotators and a moderator run a whole blind round in three browsers: the
// moderator starts it, each annotator tags blind (never seeing the other's highlight, not even in
// the page's HTML), both submit, the round is revealed, and the moderator adjudicates it.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { expectNoSeriousAxeViolations } from "../support/axe.ts";
import { openArticlePage, selectText, sharedBrowser } from "../support/browser.ts";
import { insertDemoDeskArticle, insertQuotedAnnotation } from "../support/factories.ts";

const TEXT =
  "The ministry said 40 people died in the blast. Officials must resign at once. Witnesses counted more than 200 in the square.";

describe("a blind round, start to adjudication", () => {
  const browser = sharedBrowser();
  let articlePath: string;
  let articleId: string;
  let earlierId: string;

  beforeAll(async () => {
    const inserted = await insertDemoDeskArticle("Blind round", TEXT);
    articlePath = inserted.path;
    articleId = inserted.article.id;
    // A highlight from before the round, by the admin: blind annotators do not see it either.
    const earlier = await insertQuotedAnnotation({
      teamId: inserted.teamId,
      articleId,
      authorId: inserted.adminId,
      label: "FACT",
      text: TEXT,
      quote: "Witnesses counted more than 200",
    });
    earlierId = earlier.id;
  });

  async function open(email: string): Promise<Page> {
    const page = await openArticlePage(browser(), email, articlePath, { width: 1280 });
    // The live body and this reader's annotations document are connected.
    await page.getByText("Live", { exact: true }).waitFor({ timeout: 30_000 });
    return page;
  }

  async function tag(page: Page, quote: string, key: "1" | "2" | "3"): Promise<string> {
    await selectText(page, quote);
    await page.getByTestId("tag-popover").waitFor({ state: "visible", timeout: 5000 });
    await page.keyboard.press(key);
    // The popover closes once the tag is made; the next selection opens a fresh one.
    await page.getByTestId("tag-popover").waitFor({ state: "hidden", timeout: 10_000 });
    let id: string | undefined;
    await expect
      .poll(
        async () => {
          const rows = await db.annotation.findMany({ where: { articleId, quote, deletedAt: null } });
          id = rows.at(-1)?.id;
          return rows.length;
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    return id!;
  }

  const sidebarCount = (page: Page) => page.locator("[data-sidebar-annotation]").count();

  it("runs blind, reveals, and adjudicates", { timeout: 240_000 }, async () => {
    // Ann has the article open before the round starts and sees the earlier highlight.
    const ann = await open("annotator@demo.test");
    await expect.poll(() => sidebarCount(ann), { timeout: 10_000 }).toBe(1);
    const moderator = await open("moderator@demo.test");
    await moderator.getByRole("checkbox", { name: "Ann Annotator" }).check();
    await moderator.getByRole("checkbox", { name: "Andy Annotator" }).check();
    await moderator.getByRole("button", { name: "Start blind round" }).click();
    await moderator.getByText("The blind round started.").waitFor({ timeout: 15_000 });
    await moderator.getByTestId("round-progress").waitFor();

    // Without a reload, Ann's page drops the others' highlights and turns blind.
    await ann.getByText("Blind round: you see only your own highlights.").waitFor({ timeout: 30_000 });
    await expect.poll(() => sidebarCount(ann), { timeout: 10_000 }).toBe(0);
    await ann.getByText("Live", { exact: true }).waitFor({ timeout: 30_000 });
    await expectNoSeriousAxeViolations(ann, "article page in a blind round");
    const annId = await tag(ann, "40 people died", "1");
    await ann.locator("[data-sidebar-annotation]").first().waitFor({ timeout: 5000 });

    const andy = await open("annotator2@demo.test");
    await andy.getByText("Blind round: you see only your own highlights.").waitFor();
    // Andy's page, HTML included, holds nothing of Ann's highlight.
    const html = await (await andy.request.get(articlePath)).text();
    expect(html).not.toContain(annId);
    expect(html).not.toContain(earlierId);
    await tag(andy, "40 people died", "1");
    await tag(andy, "Officials must resign at once.", "3");
    await expect.poll(() => sidebarCount(andy), { timeout: 5000 }).toBe(2);
    await andy.waitForTimeout(500);
    expect(await sidebarCount(andy)).toBe(2);
    expect(await sidebarCount(ann)).toBe(1);
    // The moderator sees everyone's progress, live from their annotations document.
    const progress = moderator.getByTestId("round-progress");
    await expect.poll(async () => progress.textContent(), { timeout: 15_000 }).toMatch(/Andy Annotator\s*2/);
    expect(await progress.getAttribute("data-live")).toBe("true");

    await ann.getByRole("button", { name: "Submit my highlights" }).click();
    await ann.getByText("Your annotations are submitted; they are frozen now.").waitFor({ timeout: 15_000 });
    // Ann's submission reaches the moderator's open page without a reload.
    await expect
      .poll(async () => progress.textContent(), { timeout: 15_000 })
      .toMatch(/Ann Annotator\s*1\s*Yes/);
    await andy.getByRole("button", { name: "Submit my highlights" }).click();
    await andy.getByText("Your annotations are submitted; they are frozen now.").waitFor({ timeout: 15_000 });
    // The last submission revealed the round: everyone's highlights are shown.
    await andy.locator(".ProseMirror").waitFor({ state: "visible", timeout: 30_000 });
    await expect.poll(() => sidebarCount(andy), { timeout: 10_000 }).toBe(4);
    // Ann's page, open all along, follows the reveal without a reload.
    await expect.poll(() => sidebarCount(ann), { timeout: 15_000 }).toBe(4);
    await ann
      .getByText("Blind round: you see only your own highlights.")
      .waitFor({ state: "detached", timeout: 15_000 });

    await moderator.reload();
    await moderator.getByRole("link", { name: "Adjudicate the revealed round" }).click();
    await moderator.getByRole("heading", { name: "Adjudicate the blind round" }).waitFor();
    const passages = moderator.locator("#passages > li");
    expect(await passages.first().getAttribute("data-testid")).toBe("conflict-passage");
    await expectNoSeriousAxeViolations(moderator, "adjudication");
    await moderator.getByRole("button", { name: "Accept all agreed passages (1)" }).click();
    await moderator.getByText("Every agreed passage is accepted.").waitFor({ timeout: 15_000 });
    // The conflict (a passage only Andy tagged) is settled with a review decision.
    await moderator.getByTestId("conflict-passage").getByRole("button", { name: "Approve" }).click();
    await moderator.getByText("The decision is recorded.").waitFor({ timeout: 15_000 });
    const statuses = await db.annotation.findMany({
      where: { articleId, deletedAt: null },
      select: { status: true, roundId: true },
    });
    // Ann's and Andy's agreed tag merged into one approved annotation; Andy's conflict approved.
    const inRound = statuses.filter((row) => row.roundId !== null);
    expect(inRound.map((row) => row.status).sort()).toEqual(["APPROVED", "APPROVED", "REJECTED"]);
    for (const page of [moderator, ann, andy]) await page.context().close();
  });
});
