// Issue 22: the API reference at /api/docs renders in Chromium from the app's own copy of
// Swagger UI (no CDN), under the production CSP, and has no serious or critical axe violation.
import { createRequire } from "node:module";
import { describe, expect, inject, it } from "vitest";
import { newContext, sharedBrowser } from "../support/browser.ts";

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe("API reference (/api/docs)", () => {
  const browser = sharedBrowser();

  it("serves its assets from the app and refuses any other asset name", async () => {
    const baseUrl = inject("baseUrl");
    const page = await fetch(`${baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\/(?!localhost)[^"']*\.(js|css)/);
    for (const asset of ["swagger-ui-bundle.js", "swagger-ui.css", "init.js"]) {
      const response = await fetch(`${baseUrl}/api/docs/${asset}`);
      expect(response.status, asset).toBe(200);
    }
    expect((await fetch(`${baseUrl}/api/docs/package.json`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/docs/..%2Fpackage.json`)).status).toBe(404);
  });

  it("renders every tag and operation from /api/v1/openapi.json, without CSP violations or page errors", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      // Failed loads are reported with their URL below (the browser's own /favicon.ico aside).
      if (/^Failed to load resource/.test(message.text())) return;
      if (message.type() === "error" || /Content Security Policy/i.test(message.text()))
        problems.push(`console: ${message.text()}`);
    });
    page.on("response", (response) => {
      const url = new URL(response.url());
      if (response.status() >= 400 && url.pathname !== "/favicon.ico")
        problems.push(`${response.status()} ${url.pathname}`);
    });
    page.on("request", (request) => {
      if (!request.url().startsWith(inject("baseUrl"))) problems.push(`outside request: ${request.url()}`);
    });

    await page.goto("/api/docs");
    await page.getByRole("heading", { level: 1, name: "Proofmark API reference" }).waitFor();
    await page.locator(".opblock-tag").first().waitFor({ timeout: 90_000 });
    const tags = await page.locator(".opblock-tag").allTextContents();
    expect(tags.join(" ")).toMatch(/articles/);
    expect(tags.join(" ")).toMatch(/moderation/);
    // An operation of the articles tag, with its summary.
    await expect(page.getByText("List or search the team's articles").count()).resolves.toBeGreaterThan(0);

    // Open one operation: its generated request body schema shows the validator's limits.
    await page.locator("#operations-articles-createArticle .opblock-summary-control").click();
    await page.locator("#operations-articles-createArticle .opblock-body").waitFor();

    await page.addScriptTag({ path: AXE_SCRIPT });
    const violations = (await page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run: (context: Document) => Promise<{ violations: unknown[] }> } }
      ).axe;
      const result = await axe.run(document);
      return result.violations;
    })) as AxeViolation[];
    const severe = violations.filter(
      (violation) => violation.impact === "serious" || violation.impact === "critical",
    );
    expect(
      severe.map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
            .map((node) => node.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
      ),
    ).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it("fits a 390px phone without horizontal scrolling of the page", async () => {
    const context = await browser().newContext({
      baseURL: inject("baseUrl"),
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto("/api/docs");
    await page.locator(".opblock-tag").first().waitFor({ timeout: 90_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  }, 180_000);
});
