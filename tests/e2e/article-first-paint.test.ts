import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { DEMO_PASSWORD, newContext, sharedBrowser, signIn } from "../support/browser.ts";
import { insertDemoDeskArticle, insertQuotedAnnotation } from "../support/factories.ts";

const TEXT =
  "Monitors counted 1,335 civilian deaths in the first year.\n\nOfficials called the campaign precise. Critics disagreed.";

describe("article first paint", () => {
  const browser = sharedBrowser();
  let path: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const created = await insertDemoDeskArticle("First paint", TEXT);
    const { article } = created;
    path = created.path;
    // Real anchors into the stored body, as the live view resolves them.
    const tag = async (label: "FACT" | "OPINION", quote: string) => {
      const row = await insertQuotedAnnotation({
        teamId: created.teamId,
        articleId: article.id,
        authorId: created.adminId,
        label,
        text: article.text,
        quote,
      });
      return row.id;
    };
    ids.fact = await tag("FACT", "1,335 civilian deaths");
    ids.opinion = await tag("OPINION", "called the campaign precise");
    ids.orphan = await tag("OPINION", "Critics disagreed.");
    await db.annotation.update({ where: { id: ids.orphan }, data: { orphaned: true } });
  });

  it("paints the highlights in the server's HTML, without any script", async () => {
    const signedIn = await newContext(browser());
    const page = await signedIn.newPage();
    await signIn(page, "annotator@demo.test", DEMO_PASSWORD);
    const cookies = await signedIn.cookies();
    await signedIn.close();

    const noScript = await browser().newContext({
      baseURL: new URL(page.url()).origin,
      javaScriptEnabled: false,
    });
    await noScript.addCookies(cookies);
    const plain = await noScript.newPage();
    await plain.goto(path);
    await expect
      .poll(() => plain.locator(`[data-annotation-id="${ids.fact}"]`).textContent())
      .toBe("1,335 civilian deaths");
    expect(await plain.locator(`[data-annotation-id="${ids.fact}"]`).getAttribute("class")).toBe(
      "hl hl-fact",
    );
    expect(await plain.locator(`[data-annotation-id="${ids.fact}"]`).getAttribute("data-letter")).toBe("F");
    expect(await plain.locator(`[data-annotation-id="${ids.opinion}"]`).textContent()).toBe(
      "called the campaign precise",
    );
    expect(await plain.locator(`[data-annotation-id="${ids.orphan}"]`).count()).toBe(0);
    expect(await plain.locator(".ProseMirror").count()).toBe(0);
    await noScript.close();
  });

  it("uses the live connections it opened before hydrating: two websockets per load", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await signIn(page, "annotator@demo.test", DEMO_PASSWORD);
    const sockets: string[] = [];
    page.on("websocket", (socket) => sockets.push(new URL(socket.url()).pathname));
    await page.goto(path);
    await page.locator(`.ProseMirror [data-annotation-id="${ids.opinion}"]`).waitFor({ state: "visible" });
    await expect.poll(() => page.getByText("Live", { exact: true }).count()).toBe(1);
    // Anything opened late (a hook not claiming the early connection) would show up by now.
    await page.waitForTimeout(1500);
    expect(sockets).toEqual(["/collab", "/collab"]);
    // The live editor shows what the server painted, in the same markup.
    expect(await page.locator(`.ProseMirror [data-annotation-id="${ids.fact}"]`).textContent()).toBe(
      "1,335 civilian deaths",
    );
    await context.close();
  });
});
