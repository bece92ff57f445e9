// Proofmark's own error pages: a branded 404, and a database outage answered 503 with a page
// that says so and offers a retry (a second production server whose database is unreachable).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sessionCookieName } from "../../lib/auth/config.ts";
import { sharedBrowser } from "../support/browser.ts";

describe("error pages", () => {
  const browser = sharedBrowser();

  it("answers an unknown page with a branded 404 that leads home", async () => {
    const response = await fetch(`${inject("baseUrl")}/no-such-page/here`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("This page is not here");
    expect(html).toContain("Go to your teams");
  });

  describe("while the database is unreachable", () => {
    let server: ChildProcess;
    let url = "";
    const secret = randomBytes(32).toString("base64url");

    beforeAll(async () => {
      const env: Record<string, string | undefined> = { ...process.env };
      delete env.METRICS_TOKEN;
      server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
        cwd: process.cwd(),
        env: {
          ...env,
          NODE_ENV: "production",
          PORT: "0",
          HOST: "127.0.0.1",
          // Port 1 refuses every connection: an outage from the first request on.
          DATABASE_URL: "postgresql://postgres@127.0.0.1:1/proofmark",
          NEXTAUTH_SECRET: secret,
          NEXTAUTH_URL: "http://127.0.0.1",
          LOG_FORMAT: "json",
        } as unknown as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      url = await new Promise<string>((resolve, reject) => {
        let output = "";
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
        server.stdout?.on("data", (chunk: Buffer) => {
          output += chunk;
          const ready = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"server ready"/.exec(output);
          if (ready?.[1]) {
            clearTimeout(timer);
            resolve(ready[1]);
          }
        });
        server.stderr?.on("data", (chunk: Buffer) => (output += chunk));
        server.once("exit", () => reject(new Error(`server exited:\n${output}`)));
      });
    });
    afterAll(() => {
      server?.kill("SIGKILL");
    });

    it("answers a signed-in page 503 with Retry-After and a page that says why, with a retry", async () => {
      const token = await encode({ token: { sub: randomUUID(), sid: randomUUID() }, secret });
      const cookie = { name: sessionCookieName(), value: token, url };
      const response = await fetch(`${url}/t/demo-desk`, {
        headers: { cookie: `${cookie.name}=${cookie.value}` },
      });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      const context = await browser().newContext();
      await context.addCookies([cookie]);
      const page = await context.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${url}/t/demo-desk`);
      await page.getByText("The database is not available at the moment").waitFor({ timeout: 15_000 });
      await page.getByRole("button", { name: "Try again" }).focus();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Try again");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await context.close();
    });
  });
});
