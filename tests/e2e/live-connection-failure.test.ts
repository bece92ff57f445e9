// A live connection that fails says so within 10 s, with the reason and a way out, instead of
// "Connecting…" forever: refused (the websocket is closed by the network), offline, and back.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, newContext, sharedBrowser, signIn } from "../support/browser.ts";
import { findDemoDeskArticle } from "../support/factories.ts";

describe("live connection failures", () => {
  const browser = sharedBrowser();
  let articlePath: string;

  beforeAll(async () => {
    articlePath = (await findDemoDeskArticle()).path;
  });

  async function status(page: Page): Promise<string> {
    return (await page.getByTestId("live-status").textContent()) ?? "";
  }

  /** Waits until the status line says `text`. */
  async function statusSays(page: Page, text: RegExp, timeout: number): Promise<void> {
    await page.getByTestId("live-status").filter({ hasText: text }).waitFor({ timeout });
  }

  it("says the connection was refused within 10 s and offers Retry, which goes live once the server answers", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await signIn(page, "annotator@demo.test", DEMO_PASSWORD);
    let blocked = true;
    await page.routeWebSocket(/\/collab/, (ws) => {
      if (blocked) void ws.close();
      else ws.connectToServer();
    });
    await page.goto(articlePath, { waitUntil: "domcontentloaded" });
    // From the moment the status line is on screen (the page itself may take a while on a busy CI).
    await page.getByTestId("live-status").waitFor();
    // The page says it after CONNECT_TIMEOUT_MS (8 s) of trying, counted once the page's scripts
    // run; on a loaded CI machine hydration itself takes seconds, hence the margin of this wait (a
    // bound on waiting, not a timing assertion: the unit tests of the live status check the 8 s).
    const retry = page.getByRole("button", { name: "Retry" });
    await retry.waitFor({ state: "visible", timeout: 20_000 }).catch(async (error) => {
      throw new Error(`no Retry; the status line says "${await status(page)}"`, { cause: error });
    });
    expect(await status(page)).toMatch(/refused or timed out/);
    blocked = false;
    await retry.click();
    await statusSays(page, /^Live$/, 15_000);
    await context.close();
  }, 120_000);

  it("says the browser is offline at once, and goes live again when it is back", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await signIn(page, "annotator@demo.test", DEMO_PASSWORD);
    await page.goto(articlePath);
    await statusSays(page, /^Live$/, 15_000);
    await context.setOffline(true);
    await statusSays(page, /You are offline/, 5_000);
    await context.setOffline(false);
    await statusSays(page, /^Live$/, 15_000);
    await context.close();
  }, 120_000);
});
