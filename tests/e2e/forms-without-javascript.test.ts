// Issue 21 item 1: every form that carries a secret POSTs and works as a plain HTML form, with
// JavaScript off (or before hydration): sign-in, registration, invite acceptance and API token
// creation. No password ever appears in a URL the browser requested.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { db } from "../../lib/db.ts";
import { createInvite } from "../../lib/teams/create-invite.ts";
import { sharedBrowser } from "../support/browser.ts";
import { createTeamWithMembers, createUser } from "../support/factories.ts";

const browser = sharedBrowser();
/** Every secret typed or issued in this file: none may appear in the server's log either. */
const secretsSeen: string[] = [];

/** A context with JavaScript off that records every URL the browser asks for. */
async function withoutJavaScript(
  run: (page: Page, urls: string[], context: BrowserContext) => Promise<void>,
) {
  const context = await browser().newContext({ baseURL: inject("baseUrl"), javaScriptEnabled: false });
  const urls: string[] = [];
  context.on("request", (request) => urls.push(`${request.method()} ${request.url()}`));
  try {
    const page = await context.newPage();
    await run(page, urls, context);
  } finally {
    await context.close();
  }
}

async function formMethodOf(page: Page, button: string): Promise<string | null> {
  return page.getByRole("button", { name: button }).evaluate((element) => {
    const form = (element as HTMLButtonElement).form;
    return form ? form.getAttribute("method") : null;
  });
}

function expectNoSecretIn(urls: string[], ...secrets: string[]) {
  secretsSeen.push(...secrets);
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) {
    const decoded = decodeURIComponent(url.replaceAll("+", " "));
    for (const secret of secrets) expect(decoded, `a secret in ${url}`).not.toContain(secret);
    expect(url.toLowerCase(), `a password field in ${url}`).not.toContain("password=");
  }
}

async function signInWithoutJavaScript(page: Page, email: string, password: string) {
  await page.goto("/signin");
  expect((await formMethodOf(page, "Sign in"))?.toLowerCase()).toBe("post");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("secret-carrying forms without JavaScript", () => {
  it("signs in with a plain POST, and a wrong password stays on the page with the email kept", async () => {
    const user = await createUser({ password: "no-js sign-in secret 1" });
    await withoutJavaScript(async (page, urls) => {
      await signInWithoutJavaScript(page, user.email, "a wrong no-js password");
      await page.getByRole("alert").filter({ hasText: "Email or password is incorrect." }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/signin");
      expect(await page.getByLabel("Email").inputValue()).toBe(user.email);

      await signInWithoutJavaScript(page, user.email, user.password);
      await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
      // A new user has no team: the home page sends them to the team list, signed in.
      expect(new URL(page.url()).pathname).toBe("/teams");
      const cookies = await page.context().cookies();
      expect(cookies.some((cookie) => cookie.name === "next-auth.session-token")).toBe(true);
      // And this browser is now known for the account (the device cookie of the sign-in throttle).
      expect(cookies.find((cookie) => cookie.name === "proofmark-device")?.httpOnly).toBe(true);
      expectNoSecretIn(urls, user.password, "a wrong no-js password");
    });
  });

  it("registers with a plain POST, keeps what was typed on a refusal, and signs the new account in", async () => {
    const email = `e2e-nojs-${Date.now()}@example.test`;
    const password = "no-js registration secret";
    await withoutJavaScript(async (page, urls) => {
      await page.goto("/register");
      expect((await formMethodOf(page, "Create account"))?.toLowerCase()).toBe("post");
      await page.getByLabel("Name").fill("No Script Reporter");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("tiny-pw9");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." }).waitFor();
      expect(await page.getByLabel("Name").inputValue()).toBe("No Script Reporter");
      expect(await page.getByLabel("Email").inputValue()).toBe(email);
      expect(await db.user.count({ where: { email } })).toBe(0);

      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL((url) => url.pathname === "/teams");
      expect(await db.user.count({ where: { email } })).toBe(1);
      expectNoSecretIn(urls, password, "tiny-pw9");
    });
  });

  it("accepts an invite and creates an API token with plain POSTs", async () => {
    const team = await createTeamWithMembers();
    const invitee = await createUser({ password: "no-js invitee secret" });
    const invite = await createInvite({
      actor: team.admin.actor,
      slug: team.slug,
      input: { role: "ANNOTATOR", expiresInHours: 24 },
    });
    secretsSeen.push(invite.secret);
    await withoutJavaScript(async (page, urls) => {
      await signInWithoutJavaScript(page, invitee.email, invitee.password);
      await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
      await page.goto(`/invite/${invite.secret}`);
      const accept = `Accept and join ${team.name}`;
      expect((await formMethodOf(page, accept))?.toLowerCase()).toBe("post");
      await page.getByRole("button", { name: accept }).click();
      await page.waitForURL((url) => url.pathname === `/t/${team.slug}`);
      expect(await db.membership.count({ where: { teamId: team.id, userId: invitee.id } })).toBe(1);
      expectNoSecretIn(urls, invitee.password);
    });

    await withoutJavaScript(async (page, urls) => {
      await signInWithoutJavaScript(page, team.admin.email, team.admin.password);
      await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
      await page.goto(`/t/${team.slug}/settings/tokens`);
      expect((await formMethodOf(page, "Create token"))?.toLowerCase()).toBe("post");
      await page.getByLabel("Name").fill("No-script token");
      await page.getByRole("button", { name: "Create token" }).click();
      const secret = await page.getByLabel("Secret of “No-script token”").inputValue();
      expect(secret).toMatch(/^pm_/);
      const token = await db.apiToken.findFirstOrThrow({
        where: { teamId: team.id, name: "No-script token" },
      });
      // The form's default lifetime is 90 days; "never" has to be chosen.
      expect(token.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 89 * 86_400_000);
      expectNoSecretIn(urls, team.admin.password, secret);
    });
  });
});

describe("the server's log", () => {
  // Runs last (vitest runs a file's tests in order): the production server's stdout and stderr.
  it("holds none of the passwords, invite secrets or token secrets sent above", async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = readFileSync(join(process.cwd(), "test-results", "e2e-server.log"), "utf8");
    expect(secretsSeen.length).toBeGreaterThanOrEqual(6);
    for (const secret of secretsSeen) expect(log).not.toContain(secret);
  });
});
