// The e2e tests' browser helpers; Chromium itself is launched by scripts/chromium.ts (shared with
// the production smoke test).
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { launchChromium } from "../../scripts/chromium.ts";

/** The password of every demo account (prisma/seed.ts DEMO_PASSWORD; README "Demo accounts"). */
export const DEMO_PASSWORD = "proofmark-demo";

export { CHROMIUM_PATH } from "../../scripts/chromium.ts";

/** Launches headless Chromium (Playwright gives it a fresh temporary profile each time). */
export async function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/**
 * Launches Chromium before the tests of the file or describe block it is called in, and closes
 * it after them (after the block's own afterAll hooks). Returns the running browser's getter.
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is not launched yet: use it inside tests or hooks");
    return browser;
  };
}

/** A new browser context whose relative URLs go to the e2e server (options: locale, time zone, …). */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ ...options, baseURL: inject("baseUrl") });
}

/** Signs in through the /signin page and waits until the browser has left it. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** How openSignedIn and openArticlePage open a page. */
export interface OpenPageOptions {
  /** The account's password (default the demo password). */
  password?: string;
  /** The viewport's width in CSS pixels (default 1360; the height is 900). */
  width?: number;
}

/** A new page in its own context, signed in as `email` and opened at `path`. */
export async function openSignedIn(
  browser: Browser,
  email: string,
  path: string,
  options: OpenPageOptions = {},
): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.setViewportSize({ width: options.width ?? 1360, height: 900 });
  await signIn(page, email, options.password ?? DEMO_PASSWORD);
  await page.goto(path);
  return page;
}

/** openSignedIn on an article's page, once its live editor is visible (within 30 s). */
export async function openArticlePage(
  browser: Browser,
  email: string,
  articlePath: string,
  options: OpenPageOptions = {},
): Promise<Page> {
  const page = await openSignedIn(browser, email, articlePath, options);
  await page.locator(".ProseMirror").waitFor({ state: "visible", timeout: 30_000 });
  return page;
}

/** Selects the first occurrence of `needle` in the article body, as a person dragging would. */
export async function selectText(page: Page, needle: string): Promise<void> {
  const found = await page.evaluate((text) => {
    const root = document.querySelector(".ProseMirror");
    if (!root) return false;
    // Highlights split the text into several nodes: search their concatenation.
    const nodes: { node: Text; start: number }[] = [];
    let all = "";
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node: node as Text, start: all.length });
      all += node.textContent ?? "";
    }
    const index = all.indexOf(text);
    if (index < 0) return false;
    const locate = (offset: number, preferEnd: boolean) => {
      for (let i = 0; i < nodes.length; i++) {
        const { node, start } = nodes[i]!;
        const end = start + (node.textContent?.length ?? 0);
        if (offset < end || (preferEnd && offset === end)) return { node, offset: offset - start };
      }
      const last = nodes.at(-1)!;
      return { node: last.node, offset: last.node.textContent?.length ?? 0 };
    };
    const from = locate(index, false);
    const to = locate(index + text.length, true);
    const range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }, needle);
  expect(found, `"${needle}" is in the article`).toBe(true);
}
