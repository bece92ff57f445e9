import { describe, expect, inject, it } from "vitest";
import { db } from "../../lib/db.ts";
import { DEMO_PASSWORD, newContext, sharedBrowser } from "../support/browser.ts";
import { createUser } from "../support/factories.ts";

const baseUrl = inject("baseUrl");
const SESSION_COOKIE = "next-auth.session-token";

/** A tiny cookie jar: name -> value, from Set-Cookie headers. */
class Jar {
  readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(only?: string[]): string {
    return [...this.cookies]
      .filter(([name]) => !only || only.some((prefix) => name.startsWith(prefix)))
      .map(([name, value]) => `${name}=${value}`)
      .join("; ");
  }
}

async function csrf(jar: Jar): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.take(response);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { csrfToken: string };
  return body.csrfToken;
}

async function signInWithCredentials(jar: Jar, email: string, password: string) {
  const csrfToken = await csrf(jar);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${baseUrl}/` }),
  });
  jar.take(response);
  const body = (await response.json()) as { url: string };
  return { status: response.status, url: new URL(body.url) };
}

async function sessionOf(cookie: string): Promise<{ user?: { email?: string; id?: string } }> {
  const response = await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return (await response.json()) as { user?: { email?: string; id?: string } };
}

describe("sign-in over HTTP", () => {
  it("signs the demo admin in, shows the session, and signs out for good", async () => {
    const jar = new Jar();
    const signedIn = await signInWithCredentials(jar, "admin@demo.test", DEMO_PASSWORD);
    expect(signedIn.url.searchParams.get("error")).toBeNull();
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(true);
    const sessionCookie = `${SESSION_COOKIE}=${jar.cookies.get(SESSION_COOKIE)}`;

    const session = await sessionOf(sessionCookie);
    expect(session.user?.email).toBe("admin@demo.test");
    const teams = await fetch(`${baseUrl}/api/v1/teams`, { headers: { cookie: sessionCookie } });
    expect(teams.status).toBe(200);

    // The sign-in created a Session row with the caller's address.
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } });
    const row = await db.session.findFirstOrThrow({
      where: { userId: admin.id },
      orderBy: { createdAt: "desc" },
    });
    expect(row.revokedAt).toBeNull();
    expect(row.ip).toMatch(/^(127\.0\.0\.1|::1)$/);

    const csrfToken = await csrf(jar);
    const signOut = await fetch(`${baseUrl}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
      body: new URLSearchParams({ csrfToken, json: "true", callbackUrl: `${baseUrl}/signin` }),
    });
    expect(signOut.status).toBeLessThan(400);

    // The old cookie, replayed, no longer authenticates anywhere.
    expect((await db.session.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).not.toBeNull();
    expect((await sessionOf(sessionCookie)).user).toBeUndefined();
    const after = await fetch(`${baseUrl}/api/v1/teams`, { headers: { cookie: sessionCookie } });
    expect(after.status).toBe(401);
  });

  it("gives no session for a wrong password, and says why", async () => {
    const jar = new Jar();
    const result = await signInWithCredentials(jar, "admin@demo.test", "not-the-password");
    expect(result.status).toBe(401);
    expect(result.url.searchParams.get("error")).toBe("CredentialsSignin");
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("holds an account with a growing delay after repeated failures, with the wait in seconds", async () => {
    const user = await createUser();
    // Ten failures from elsewhere just now: the account waits 32 s after the newest.
    await db.loginAttempt.createMany({
      data: Array.from({ length: 10 }, (_, i) => ({
        email: user.email,
        ip: `203.0.113.${i + 1}`,
        success: false,
      })),
    });
    const jar = new Jar();
    const limited = await signInWithCredentials(jar, user.email, user.password);
    expect(limited.url.searchParams.get("error")).toMatch(/^RateLimited:(2\d|3[0-2])s$/);
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
  });
});

describe("sign-in page", () => {
  const browser = sharedBrowser();

  it("sends visitors of / to sign-in and shows a wrong password as an alert", async () => {
    const context = await newContext(browser());
    try {
      const page = await context.newPage();
      await page.goto("/");
      await page.waitForURL((url) => url.pathname === "/signin");
      await page.getByLabel("Email").fill("admin@demo.test");
      await page.getByLabel("Password").fill("wrong password");
      await page.getByRole("button", { name: "Sign in" }).click();
      // Next's own route announcer is also an (empty) alert; ours is the one with the message.
      const alert = page.getByRole("alert").filter({ hasText: "Email or password is incorrect." });
      await alert.waitFor({ state: "visible" });
      expect(new URL(page.url()).pathname).toBe("/signin");
    } finally {
      await context.close();
    }
  });

  it("registers a new account, signs it in and lands on the team list", async () => {
    const context = await newContext(browser());
    try {
      const page = await context.newPage();
      await page.goto("/register");
      const email = `e2e-register-${Date.now()}@example.test`;
      await page.getByLabel("Name").fill("New Reporter");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("a sufficiently long password");
      await page.getByRole("button", { name: "Create account" }).click();
      // A new user has no team yet: home sends them on to the team list.
      await page.waitForURL((url) => url.pathname === "/teams");
      expect(await db.user.count({ where: { email } })).toBe(1);
    } finally {
      await context.close();
    }
  });
});
