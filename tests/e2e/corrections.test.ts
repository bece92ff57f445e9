// Issue 3: a moderator and an admin correct the same article at once, in two browsers; both
// see each other's corrections live, the stored text converges, and a viewer cannot edit.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { DEMO_PASSWORD, newContext, sharedBrowser, signIn } from "../support/browser.ts";
import { insertDemoDeskArticle } from "../support/factories.ts";

const BODY =
  "First paragraph of the wire copy.\n\nSecond paragraph, to be corrected.\n\nThird paragraph, also corrected.";

describe("live corrections", () => {
  const browser = sharedBrowser();
  let articlePath: string;

  beforeAll(async () => {
    articlePath = (await insertDemoDeskArticle("Corrections test", BODY)).path;
  });

  async function open(email: string): Promise<Page> {
    const context = await newContext(browser());
    const page = await context.newPage();
    await signIn(page, email, DEMO_PASSWORD);
    await page.goto(articlePath);
    await page.locator(".ProseMirror").waitFor({ state: "visible" });
    return page;
  }

  async function typeAtStartOf(page: Page, paragraph: number, text: string) {
    await page.locator(".ProseMirror p").nth(paragraph).click();
    await page.keyboard.press("Home");
    await page.keyboard.type(text);
  }

  it("a moderator and an admin converge, and the text is stored", async () => {
    const moderator = await open("moderator@demo.test");
    const admin = await open("admin@demo.test");
    expect(await moderator.locator(".ProseMirror").getAttribute("contenteditable")).toBe("true");

    await typeAtStartOf(moderator, 1, "MOD ");
    await typeAtStartOf(admin, 2, "ADM ");

    for (const page of [moderator, admin]) {
      await page.locator(".ProseMirror p", { hasText: "MOD Second paragraph" }).waitFor({ timeout: 5000 });
      await page.locator(".ProseMirror p", { hasText: "ADM Third paragraph" }).waitFor({ timeout: 5000 });
    }
    const expected =
      "First paragraph of the wire copy.\n\nMOD Second paragraph, to be corrected.\n\nADM Third paragraph, also corrected.";
    await expect
      .poll(async () => (await db.article.findFirstOrThrow({ where: { title: "Corrections test" } })).text, {
        timeout: 15_000,
      })
      .toBe(expected);
    const editors = await db.auditEvent.findMany({
      where: { action: "article.correct", entityId: articlePath.split("/").at(-1) },
      include: { actor: { select: { email: true } } },
    });
    expect(new Set(editors.map((event) => event.actor?.email))).toEqual(
      new Set(["moderator@demo.test", "admin@demo.test"]),
    );
    await moderator.context().close();
    await admin.context().close();
  });

  it("a viewer reads the live text but cannot edit it", async () => {
    const viewer = await open("viewer@demo.test");
    expect(await viewer.locator(".ProseMirror").getAttribute("contenteditable")).toBe("false");
    await viewer.locator(".ProseMirror p", { hasText: "MOD Second paragraph" }).waitFor({ timeout: 5000 });
    await viewer.context().close();
  });
});
