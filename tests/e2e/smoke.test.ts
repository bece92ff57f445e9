import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { DEMO_PASSWORD, newContext, sharedBrowser, signIn } from "../support/browser.ts";

const DEMO_TITLE =
  "US-Led Coalition Conducted 34,573 Air Strikes In Iraq And Syria Between August 2014 And August 2019!";

describe("smoke", () => {
  const browser = sharedBrowser();

  it("the e2e database holds the seeded demo article", async () => {
    const article = await db.article.findFirst({ where: { title: DEMO_TITLE, team: { slug: "demo-desk" } } });
    expect(article).not.toBeNull();
  });

  it("an admin signs in, lands on the demo team and sees the demo article", async () => {
    const context = await newContext(browser());
    try {
      const page = await context.newPage();
      await signIn(page, "admin@demo.test", DEMO_PASSWORD);
      // Sign-in goes to `/`, which sends a signed-in user to their first team.
      await page.waitForURL((url) => url.pathname === "/t/demo-desk");
      const link = page.getByRole("link", { name: DEMO_TITLE });
      await link.waitFor({ state: "visible" });
      expect(await link.getAttribute("href")).toMatch(/^\/t\/demo-desk\//);
    } finally {
      await context.close();
    }
  });

  it("a wrong password keeps the visitor on the sign-in page", async () => {
    const context = await newContext(browser());
    try {
      const page = await context.newPage();
      await page.goto("/signin");
      // Not the admin: failed attempts count towards a per-account rate limit that other
      // e2e files signing in as the admin must not run into.
      await page.getByLabel("Email").fill("viewer@demo.test");
      await page.getByLabel("Password").fill("not-the-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForTimeout(1500);
      expect(new URL(page.url()).pathname).toBe("/signin");
      await page.goto("/t/demo-desk");
      expect(new URL(page.url()).pathname).not.toBe("/t/demo-desk");
      expect(await page.getByRole("link", { name: DEMO_TITLE }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
