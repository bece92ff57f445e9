import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { DEMO_PASSWORD, newContext, sharedBrowser, signIn } from "../support/browser.ts";

const URL_OF_HOOK = `https://hooks.invalid/desk-${Date.now()}`;

describe("webhook settings", () => {
  const browser = sharedBrowser();

  it("an admin adds an endpoint on a phone, sees its secret once, tests it and reads the log", async () => {
    const context = await newContext(browser());
    try {
      const page = await context.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, "admin@demo.test", DEMO_PASSWORD);
      await page.goto("/t/demo-desk/settings/webhooks");
      await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
      await page.getByLabel("Endpoint URL").fill(URL_OF_HOOK);
      await page.getByLabel("Description").fill("Desk channel");
      await page.getByLabel("annotation.reviewed").check();
      await page.getByRole("button", { name: "Add endpoint" }).click();
      const secret = page.getByLabel(/Signing secret of/);
      await secret.waitFor();
      expect(await secret.inputValue()).toMatch(/^whsec_/);
      // The page's own content fits the phone (the team navigation bar above it is the layout's).
      const overflowing = await page.evaluate(
        () =>
          [...document.querySelectorAll("main *")].filter((el) => el.getBoundingClientRect().right > 391)
            .length,
      );
      expect(overflowing).toBe(0);

      const endpoint = await db.webhookEndpoint.findFirstOrThrow({ where: { url: URL_OF_HOOK } });
      expect(endpoint.events).toEqual(["annotation.reviewed"]);
      await page.getByRole("button", { name: `Send test event to ${URL_OF_HOOK}` }).click();
      await expect
        .poll(() => db.webhookDelivery.count({ where: { endpointId: endpoint.id } }), { timeout: 20_000 })
        .toBe(1);
      // The receiver cannot be reached: the attempt is logged with the fetcher's error.
      await expect
        .poll(() => db.webhookAttempt.count({ where: { delivery: { endpointId: endpoint.id } } }), {
          timeout: 20_000,
        })
        .toBe(1);
      await page.getByRole("link", { name: `Delivery log of ${URL_OF_HOOK}` }).click();
      await page.getByRole("heading", { name: "Deliveries", level: 1 }).waitFor();
      await page.getByText("webhook.test").first().waitFor();
      expect(await page.getByText(/fetch_/).count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it("disables an endpoint with JavaScript off (a plain form)", async () => {
    const signedIn = await newContext(browser());
    const page = await signedIn.newPage();
    await signIn(page, "admin@demo.test", DEMO_PASSWORD);
    const cookies = await signedIn.cookies();
    const origin = new URL(page.url()).origin;
    await signedIn.close();
    const endpoint = await db.webhookEndpoint.findFirstOrThrow({ where: { url: URL_OF_HOOK } });

    const noScript = await browser().newContext({ baseURL: origin, javaScriptEnabled: false });
    try {
      await noScript.addCookies(cookies);
      const plain = await noScript.newPage();
      await plain.goto("/t/demo-desk/settings/webhooks");
      await plain.getByRole("button", { name: `Disable ${URL_OF_HOOK}` }).click();
      await expect
        .poll(
          async () => (await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled,
          {
            timeout: 20_000,
          },
        )
        .toBe(false);
    } finally {
      await noScript.close();
    }
  });

  it("a viewer is told only admins manage webhooks", async () => {
    const context = await newContext(browser());
    try {
      const page = await context.newPage();
      await signIn(page, "viewer@demo.test", DEMO_PASSWORD);
      await page.goto("/t/demo-desk/settings/webhooks");
      await page.getByText(/only admins of .* can manage webhooks/).waitFor();
      expect(await page.getByLabel("Endpoint URL").count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
