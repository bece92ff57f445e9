// Issue 21 item 8: a refused import keeps every field (the pasted article included), says what
// is wrong beside each field in words people use, and accepts a language name or code; with
// and without JavaScript.
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { DEMO_PASSWORD, newContext, sharedBrowser, signIn } from "../support/browser.ts";

const NEW_ARTICLE = "/t/demo-desk/articles/new";
const PASTED =
  "<h2>Council vote</h2>\n<p>The council voted 7 to 2 on Tuesday.</p>\n<p>Critics called it rushed.</p>";

async function describedText(page: Page, id: string): Promise<string> {
  return page.evaluate((fieldId) => {
    const field = document.getElementById(fieldId);
    const ids = field?.getAttribute("aria-describedby")?.split(/\s+/) ?? [];
    return ids.map((one) => document.getElementById(one)?.textContent ?? "").join(" ");
  }, id);
}

async function fillArticle(page: Page, title: string): Promise<void> {
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Byline").fill("By Rita Reporter");
  await page.getByLabel("Source URL").fill("ftp://example.com/council");
  await page.getByLabel("Published").fill("2026-11-30");
  await page.getByLabel("Language").fill("Klingonish");
  await page.getByLabel("Pasted format").selectOption("html");
  await page.getByLabel("Paste the article").fill(PASTED);
}

async function expectEverythingKept(page: Page, title: string): Promise<void> {
  expect(await page.getByLabel("Title").inputValue()).toBe(title);
  expect(await page.getByLabel("Byline").inputValue()).toBe("By Rita Reporter");
  expect(await page.getByLabel("Source URL").inputValue()).toBe("ftp://example.com/council");
  expect(await page.getByLabel("Published").inputValue()).toBe("2026-11-30");
  expect(await page.getByLabel("Language").inputValue()).toBe("Klingonish");
  expect(await page.getByLabel("Pasted format").inputValue()).toBe("html");
  expect(await page.getByLabel("Paste the article").inputValue()).toBe(PASTED);
}

async function expectMessagesBesideFields(page: Page): Promise<void> {
  expect(await describedText(page, "import-source-url")).toMatch(/starting with http:\/\/ or https:\/\//);
  expect(await describedText(page, "import-language")).toMatch(/name or code, for example English/);
  expect(await page.getByLabel("Source URL").getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByLabel("Title").getAttribute("aria-invalid")).toBeNull();
  const body = (await page.locator("main").textContent()) ?? "";
  expect(body).toContain("The article was not imported");
  expect(body).not.toMatch(/sourceUrl|must be an http/);
}

describe("import form", () => {
  const browser = sharedBrowser();
  let cookies: Awaited<ReturnType<BrowserContext["cookies"]>>;
  let origin: string;

  beforeAll(async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await signIn(page, "annotator@demo.test", DEMO_PASSWORD);
    cookies = await context.cookies();
    origin = new URL(page.url()).origin;
    await context.close();
  });

  async function open(javaScriptEnabled: boolean): Promise<Page> {
    const context = await browser().newContext({ baseURL: origin, javaScriptEnabled });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(NEW_ARTICLE);
    return page;
  }

  it("keeps every field after a server-side refusal, says why beside the field, takes a language name", async () => {
    const page = await open(true);
    await page.getByRole("button", { name: "Import article" }).waitFor();
    const title = "Council vote, with script";
    await fillArticle(page, title);
    await page.getByRole("button", { name: "Import article" }).click();
    await page.getByText("The article was not imported").waitFor();
    await expectEverythingKept(page, title);
    await expectMessagesBesideFields(page);
    // Focus goes to the first field to fix.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("import-source-url");

    await page.getByLabel("Source URL").fill("https://example.com/council");
    await page.getByLabel("Language").fill("English");
    await page.getByRole("button", { name: "Import article" }).click();
    await page.waitForURL(/\/t\/demo-desk\/articles\/[0-9a-f-]{36}$/);
    const article = await db.article.findFirstOrThrow({ where: { title } });
    expect(article).toMatchObject({ language: "en", sourceUrl: "https://example.com/council" });
    expect(article.text).toContain("The council voted 7 to 2 on Tuesday.");
    await page.context().close();
  });

  it("keeps the pasted article when the upload is a .docx, and says so beside the file field", async () => {
    const page = await open(true);
    await page.getByRole("button", { name: "Import article" }).waitFor();
    await page.getByLabel("Title").fill("Docx attempt");
    await page.getByLabel("Paste the article").fill("Pasted text that must survive.");
    await page.getByLabel("…or upload a file").setInputFiles({
      name: "story.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: Buffer.from("PK\u0003\u0004 not really a document"),
    });
    await page.getByRole("button", { name: "Import article" }).click();
    await page.getByText("The article was not imported").waitFor();
    expect(await page.getByLabel("Paste the article").inputValue()).toBe("Pasted text that must survive.");
    expect(await page.getByLabel("Title").inputValue()).toBe("Docx attempt");
    expect(await describedText(page, "file")).toMatch(/“story\.docx” cannot be imported\. Upload a \.txt/);
    expect(await db.article.count({ where: { title: "Docx attempt" } })).toBe(0);
    await page.context().close();
  });

  it("works as a plain HTML form without JavaScript: the page comes back with the values, then imports", async () => {
    const page = await open(false);
    const title = "Council vote, no script";
    await fillArticle(page, title);
    await page.getByRole("button", { name: "Import article" }).click();
    await page.getByText("The article was not imported").waitFor();
    await expectEverythingKept(page, title);
    await expectMessagesBesideFields(page);
    expect(await db.article.count({ where: { title } })).toBe(0);

    await page.getByLabel("Source URL").fill("https://example.com/council");
    await page.getByLabel("Language").fill("français");
    await page.getByRole("button", { name: "Import article" }).click();
    await page.waitForURL(/\/t\/demo-desk\/articles\/[0-9a-f-]{36}$/);
    const article = await db.article.findFirstOrThrow({ where: { title } });
    expect(article.language).toBe("fr");
    await page.context().close();
  });
});
