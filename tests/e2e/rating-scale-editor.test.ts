import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { DEMO_PASSWORD, newContext, sharedBrowser, signIn } from "../support/browser.ts";

describe("rating scale editor", () => {
  const browser = sharedBrowser();

  it("saves a renamed and a new rating without JavaScript; moderators only read it", async () => {
    const signing = await newContext(browser());
    const login = await signing.newPage();
    await signIn(login, "admin@demo.test", DEMO_PASSWORD);
    const cookies = await signing.cookies();
    const origin = new URL(login.url()).origin;
    await signing.close();

    const context = await browser().newContext({ baseURL: origin, javaScriptEnabled: false });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto("/t/demo-desk/settings/verdicts");
    const form = page.getByTestId("rating-scale-form");
    await form
      .getByRole("group", { name: /Rating 3: Half true/ })
      .getByLabel("Label")
      .fill("Half right");
    const blank = form.getByRole("group", { name: "New rating 1" });
    await blank.getByLabel("Label").fill("Satire");
    await blank.getByLabel("Order").fill("7");
    await form.getByRole("button", { name: "Save the rating scale" }).click();
    await page.waitForURL(/settings\/verdicts\?(saved|error)=/, { timeout: 90_000 });
    const alert = page.getByRole("alert");
    expect(
      await alert.count(),
      (await alert.count()) ? ((await alert.first().textContent()) ?? "") : "",
    ).toBe(0);
    expect(await page.getByRole("status").textContent()).toContain("The rating scale was saved.");

    const team = await db.team.findUniqueOrThrow({ where: { slug: "demo-desk" } });
    const labels = (
      await db.ratingScaleItem.findMany({ where: { teamId: team.id }, orderBy: { position: "asc" } })
    ).map((item) => item.label);
    expect(labels).toEqual([
      "True",
      "Mostly true",
      "Half right",
      "Mostly false",
      "False",
      "Unverifiable",
      "Satire",
    ]);
    await context.close();

    const moderator = await newContext(browser());
    const modPage = await moderator.newPage();
    await signIn(modPage, "moderator@demo.test", DEMO_PASSWORD);
    await modPage.goto("/t/demo-desk/settings/verdicts");
    expect(await modPage.getByTestId("rating-scale-form").count()).toBe(0);
    expect(await modPage.getByText("Only team admins can change the rating scale.").count()).toBe(1);
    await moderator.close();
  }, 240_000);
});
