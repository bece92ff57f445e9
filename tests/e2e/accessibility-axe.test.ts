// Issue 21 item 7: axe-core on every page and state, failing on any serious or critical
// violation: sign-in, register, the team's article list, import, an article as annotator and
// as viewer, the sidebar with an annotation open, the tag popover open, the review queue, the
// dashboard, team settings (members, tokens) and the evidence sources page; desktop and phone.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.ts";
import { DEMO_PASSWORD, newContext, selectText, sharedBrowser, signIn } from "../support/browser.ts";
import { insertDemoDeskArticle } from "../support/factories.ts";

// Many pages per test, on a machine that may be busy.
const TIMEOUT = 180_000;
const TEXT = [
  "Axe checks this article. The council approved the budget on Tuesday after a long debate.",
  "Critics said the plan was reckless, and campaigners urged residents to write to their councillors.",
].join("\n\n");

describe("axe on every page and state", () => {
  const browser = sharedBrowser();
  let articlePath: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ({ path: articlePath } = await insertDemoDeskArticle("Axe checks this article", TEXT));
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  async function page(width = 1280, height = 900): Promise<Page> {
    const context = await newContext(browser());
    contexts.push(context);
    const created = await context.newPage();
    await created.setViewportSize({ width, height });
    return created;
  }

  async function articleReady(p: Page): Promise<void> {
    await p.goto(articlePath);
    // The live editor has replaced the server-rendered body.
    await p.locator(".ProseMirror").waitFor({ state: "visible", timeout: 30_000 });
  }

  it.each([1280, 390])("the signed-out pages at %ipx", { timeout: TIMEOUT }, async (width) => {
    const p = await page(width);
    await p.goto("/signin");
    await expectNoSeriousAxeViolations(p, `sign-in at ${width}px`);
    await p.goto("/register");
    await expectNoSeriousAxeViolations(p, `register at ${width}px`);
  });

  it.each([1280, 390])(
    "an annotator at %ipx: article list, import, evidence, dashboard, the article, the popover open, the sidebar open",
    { timeout: TIMEOUT },
    async (width) => {
      const p = await page(width);
      await signIn(p, "annotator@demo.test", DEMO_PASSWORD);
      await p.goto("/t/demo-desk");
      await p.getByRole("heading", { level: 1 }).first().waitFor();
      await expectNoSeriousAxeViolations(p, `article list at ${width}px`);
      await p.goto("/t/demo-desk/articles/new");
      await expectNoSeriousAxeViolations(p, `import page at ${width}px`);
      await p.goto("/t/demo-desk/evidence");
      await expectNoSeriousAxeViolations(p, `evidence sources at ${width}px`);
      await p.goto("/t/demo-desk/dashboard");
      await p.waitForLoadState("networkidle");
      await expectNoSeriousAxeViolations(p, `dashboard at ${width}px`);
      // The charts are for the eye: nothing in them takes keyboard focus.
      expect(await p.locator(".recharts-wrapper").count()).toBeGreaterThan(0);
      expect(await p.locator(".recharts-wrapper [tabindex]:not([tabindex='-1'])").count()).toBe(0);

      await articleReady(p);
      await expectNoSeriousAxeViolations(p, `article as annotator at ${width}px`);
      await selectText(p, width === 1280 ? "approved the budget" : "long debate");
      await p.getByTestId("tag-popover").waitFor({ state: "visible", timeout: 5000 });
      await expectNoSeriousAxeViolations(p, `tag popover open at ${width}px`);
      await p.getByTestId("tag-popover").getByRole("button", { name: "Fact", exact: true }).click();
      await p.getByTestId("tag-popover").waitFor({ state: "detached", timeout: 5000 });
      // On a phone the annotations are the second tab.
      if (width < 1024) await p.getByRole("tab", { name: /Annotations/ }).click();
      const row = p.locator("[data-sidebar-annotation]").first();
      await row.waitFor({ timeout: 5000 });
      await row.getByRole("button").first().click();
      await row.getByRole("heading", { name: /Discussion/ }).waitFor({ timeout: 10_000 });
      await expectNoSeriousAxeViolations(p, `sidebar with an annotation open at ${width}px`);
    },
  );

  it("a viewer on the article", { timeout: TIMEOUT }, async () => {
    const p = await page();
    await signIn(p, "viewer@demo.test", DEMO_PASSWORD);
    await articleReady(p);
    await expectNoSeriousAxeViolations(p, "article as viewer");
  });

  it.each([1280, 390])(
    "a moderator at %ipx: review queue, the article",
    { timeout: TIMEOUT },
    async (width) => {
      const p = await page(width);
      await signIn(p, "moderator@demo.test", DEMO_PASSWORD);
      await p.goto("/t/demo-desk/review");
      await p.waitForLoadState("networkidle");
      await expectNoSeriousAxeViolations(p, `review queue at ${width}px`);
      await articleReady(p);
      await expectNoSeriousAxeViolations(p, `article as moderator at ${width}px`);
    },
  );

  it("an admin: team settings (members, tokens, evidence), dashboard", { timeout: TIMEOUT }, async () => {
    const p = await page();
    await signIn(p, "admin@demo.test", DEMO_PASSWORD);
    await p.goto("/t/demo-desk/settings/members");
    await expectNoSeriousAxeViolations(p, "settings: members");
    await p.goto("/t/demo-desk/settings/tokens");
    await expectNoSeriousAxeViolations(p, "settings: tokens");
    await p.goto("/t/demo-desk/settings/evidence");
    await expectNoSeriousAxeViolations(p, "settings: evidence");
    await p.goto("/t/demo-desk/dashboard");
    await p.waitForLoadState("networkidle");
    await expectNoSeriousAxeViolations(p, "dashboard as admin");
  });
});
