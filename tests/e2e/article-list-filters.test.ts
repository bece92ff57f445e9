// Issue 21 item 11: the team's article list filters by importer, import dates and archive state,
// sorts, and shows each article's counts (passages tagged, pending review, in disagreement), as
// a plain GET form that works without JavaScript.
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { DEMO_PASSWORD, newContext, sharedBrowser, signIn } from "../support/browser.ts";
import { insertDemoDeskArticle, insertQuotedAnnotation } from "../support/factories.ts";

const TEXT =
  "The harbour reopened on Friday after a storm closed it for 9 days.\n\nFishermen called the delay scandalous.";

describe("article list filters and counts", () => {
  const browser = sharedBrowser();
  let cookies: Awaited<ReturnType<BrowserContext["cookies"]>>;
  let origin: string;
  const ids: Record<string, string> = {};
  let annotatorId: string;

  beforeAll(async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await signIn(page, "viewer@demo.test", DEMO_PASSWORD);
    cookies = await context.cookies();
    origin = new URL(page.url()).origin;
    await context.close();

    const annotator = await db.user.findUniqueOrThrow({ where: { email: "annotator@demo.test" } });
    const annotator2 = await db.user.findUniqueOrThrow({ where: { email: "annotator2@demo.test" } });
    annotatorId = annotator.id;
    const harbour = await insertDemoDeskArticle("Filters: harbour reopens", TEXT);
    const old = await insertDemoDeskArticle("Filters: an old storm", TEXT);
    const shelved = await insertDemoDeskArticle("Filters: shelved piece", TEXT);
    ids.harbour = harbour.article.id;
    ids.old = old.article.id;
    ids.shelved = shelved.article.id;
    await db.article.update({ where: { id: ids.harbour }, data: { importedById: annotator.id } });
    await db.article.update({
      where: { id: ids.old },
      data: { createdAt: new Date("2020-01-15T10:00:00Z") },
    });
    await db.article.update({ where: { id: ids.shelved }, data: { archivedAt: new Date() } });
    const tag = (authorId: string, label: "FACT" | "OPINION", quote: string) =>
      insertQuotedAnnotation({
        teamId: harbour.teamId,
        articleId: ids.harbour!,
        authorId,
        label,
        text: harbour.article.text,
        quote,
      });
    // Two annotators disagree about one passage; a third tag is approved.
    await tag(annotator.id, "FACT", "closed it for 9 days");
    await tag(annotator2.id, "OPINION", "a storm closed it for 9 days");
    const approved = await tag(annotator.id, "OPINION", "called the delay scandalous");
    await db.annotation.update({ where: { id: approved.id }, data: { status: "APPROVED" } });
  });

  async function open(): Promise<Page> {
    const context = await browser().newContext({ baseURL: origin, javaScriptEnabled: false });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto("/t/demo-desk");
    return page;
  }

  const titles = (page: Page) =>
    page.getByRole("list", { name: "Articles" }).getByRole("link").allTextContents();

  it("writes the counts in the reader's locale once scripts run", async () => {
    const context = await browser().newContext({ baseURL: origin, locale: "ar-EG" });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto("/t/demo-desk");
    const row = page.getByRole("listitem").filter({ hasText: "Filters: harbour reopens" });
    await row.locator('[data-local-number="reader"]').first().waitFor();
    expect(await row.getByTestId("article-counts").textContent()).toBe(
      "٣ passages tagged · ٢ pending review · ٢ in disagreement",
    );
    await context.close();
  });

  it("shows each article's counts", async () => {
    const page = await open();
    const row = page.getByRole("listitem").filter({ hasText: "Filters: harbour reopens" });
    expect(await row.getByTestId("article-counts").textContent()).toBe(
      "3 passages tagged · 2 pending review · 2 in disagreement",
    );
    const old = page.getByRole("listitem").filter({ hasText: "Filters: an old storm" });
    expect(await old.getByTestId("article-counts").textContent()).toBe("no passages tagged yet");
    // Archived ones are left out by default.
    expect(await titles(page)).not.toContain("Filters: shelved piece");
    await page.context().close();
  });

  it("filters by importer, dates and archive state, and sorts, with JavaScript off", async () => {
    const page = await open();
    await page.getByLabel("Imported by").selectOption(annotatorId);
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("importedBy") === annotatorId);
    expect(await titles(page)).toContain("Filters: harbour reopens");
    expect(await titles(page)).not.toContain("Filters: an old storm");
    // The form shows the filter it applied.
    expect(await page.getByLabel("Imported by").inputValue()).toBe(annotatorId);

    await page.getByLabel("Imported by").selectOption("");
    await page.getByLabel("Imported from").fill("2020-01-01");
    await page.getByLabel("Imported until").fill("2020-01-31");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("from") === "2020-01-01");
    expect(await titles(page)).toEqual(["Filters: an old storm"]);

    await page.getByRole("link", { name: "Clear filters" }).click();
    await page.getByLabel("Archived").selectOption("only");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("archived") === "only");
    const archived = await titles(page);
    expect(archived).toContain("Filters: shelved piece");
    expect(archived).not.toContain("Filters: harbour reopens");
    await page.getByText("archived", { exact: true }).first().waitFor();

    await page.goto("/t/demo-desk?q=harbour+storm&sort=title&archived=include");
    expect((await titles(page)).filter((title) => title.startsWith("Filters:"))).toEqual([
      "Filters: an old storm",
      "Filters: harbour reopens",
      "Filters: shelved piece",
    ]);
    await page.goto("/t/demo-desk?sort=oldest");
    expect((await titles(page))[0]).toBe("Filters: an old storm");
    await page.context().close();
  });

  it("says what is wrong with a filter in words, without failing the page", async () => {
    const page = await open();
    const answer = await page.goto("/t/demo-desk?from=yesterday");
    expect(answer?.status()).toBe(200);
    await page.getByText("Enter the first import date as a date, for example 2026-11-30.").waitFor();
    await page.goto("/t/demo-desk?sort=relevance");
    await page.getByText("Sorting by best match needs search words.").waitFor();
    await page.goto("/t/demo-desk?importedBy=someone");
    await page.getByText("Choose who imported the articles from the list.").waitFor();
    await page.context().close();
  });
});
