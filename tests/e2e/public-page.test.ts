// The published page as readers get it: a moderator publishes from the article page (plain form),
// the page then reads without sign-in and without JavaScript on a 390 px phone, has no serious or
// critical axe violations, and answers 404 as soon as the moderator unpublishes.
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { ensureRatingScale } from "../../lib/verdicts/rating-scale.ts";
import { DEMO_PASSWORD, newContext, sharedBrowser, signIn } from "../support/browser.ts";
import { insertDemoDeskArticle, insertQuotedAnnotation } from "../support/factories.ts";

const require = createRequire(import.meta.url);
const AXE_SOURCE: string = require("axe-core").source;

const TEXT =
  "Monitors counted 1,335 civilian deaths in the first year of the campaign.\n\nOfficials called the campaign precise. This policy must end.";
const PHONE = { width: 390, height: 844 };

describe("the public page", () => {
  const browser = sharedBrowser();
  let path: string;

  beforeAll(async () => {
    const created = await insertDemoDeskArticle("Published airstrikes", TEXT);
    path = created.path;
    const tag = (label: "FACT" | "ADVOCACY", quote: string) =>
      insertQuotedAnnotation({
        teamId: created.teamId,
        articleId: created.article.id,
        authorId: created.adminId,
        label,
        status: "APPROVED",
        text: created.article.text,
        quote,
      });
    const fact = await tag("FACT", "1,335 civilian deaths");
    await tag("ADVOCACY", "This policy must end.");
    const evidence = await db.evidence.create({
      data: {
        annotationId: fact.id,
        relation: "CORROBORATES",
        url: "https://airwars.example/report",
        title: "Airwars annual report",
        publisher: "Airwars",
        addedById: created.adminId,
      },
    });
    const scale = await db.$transaction((tx) => ensureRatingScale(tx, created.teamId));
    await db.verdict.create({
      data: {
        teamId: created.teamId,
        annotationId: fact.id,
        ratingId: scale.items.find((item) => item.label === "Mostly true")!.id,
        conclusion: "The monitors' count is **1,335**; others count more.",
        evidenceIds: [evidence.id],
        authorId: created.adminId,
      },
    });
  });

  it("is published from the article page, reads without JavaScript on a phone, passes axe, and is gone once unpublished", async () => {
    const staff = await newContext(browser());
    const page = await staff.newPage();
    await signIn(page, "moderator@demo.test", DEMO_PASSWORD);
    await page.goto(path);
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.waitForURL(/publication=published/);
    const publicPath = await page.getByTestId("public-url").getAttribute("href");
    expect(publicPath).toMatch(/^\/p\/[A-Za-z0-9_-]{22}$/);
    const origin = new URL(page.url()).origin;

    // A reader: no cookies, no JavaScript, a 390 px phone.
    const reader = await browser().newContext({ baseURL: origin, javaScriptEnabled: false, viewport: PHONE });
    const plain = await reader.newPage();
    const response = await plain.goto(publicPath!);
    expect(response?.status()).toBe(200);
    await expect.poll(() => plain.locator("h1").textContent()).toBe("Published airstrikes");
    expect(await plain.locator(".body mark.hl-fact").first().textContent()).toBe("1,335 civilian deaths");
    expect(await plain.locator(".body mark.hl-advocacy").first().textContent()).toBe("This policy must end.");
    expect(await plain.locator("#claim-1 .badge").textContent()).toContain("Mostly true");
    expect(await plain.locator("#claim-1 .conclusion strong").textContent()).toBe("1,335");
    expect(await plain.locator('#claim-1 a[href="https://airwars.example/report"]').textContent()).toBe(
      "Airwars annual report",
    );
    expect(await plain.locator('script[type="application/ld+json"]').count()).toBe(1);
    expect(await plain.locator('meta[property="og:title"]').getAttribute("content")).toBe(
      "Published airstrikes",
    );
    // Nothing wider than the phone (no sideways scrolling).
    const width = await plain.evaluate(() => document.documentElement.scrollWidth).catch(() => null);
    if (width !== null) expect(width).toBeLessThanOrEqual(PHONE.width);
    await reader.close();

    // axe on the same page, phone-sized (axe itself needs script).
    const audit = await browser().newContext({ baseURL: origin, viewport: PHONE });
    const checked = await audit.newPage();
    await checked.goto(publicPath!);
    expect(await checked.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await checked.addScriptTag({ content: AXE_SOURCE });
    const violations = await checked.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string | null }> }> };
        }
      ).axe;
      const result = await axe.run();
      return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact }));
    });
    expect(
      violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical"),
    ).toEqual([]);
    // Printing shows the same content (print CSS only restyles).
    await checked.emulateMedia({ media: "print" });
    expect(await checked.locator("#claim-1").isVisible()).toBe(true);
    await audit.close();

    await page.getByRole("button", { name: "Unpublish" }).click();
    await page.waitForURL(/publication=unpublished/);
    const gone = await (await browser().newContext({ baseURL: origin })).request.get(publicPath!);
    expect(gone.status()).toBe(404);
    await staff.close();
  }, 240_000);
});
