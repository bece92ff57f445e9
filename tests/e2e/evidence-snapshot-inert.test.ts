import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { archiveSnapshot } from "../../lib/evidence/snapshots/archive-snapshot.ts";
import { expectNoSeriousAxeViolations } from "../support/axe.ts";
import { DEMO_PASSWORD, newContext, sharedBrowser, signIn } from "../support/browser.ts";
import { actorForEmail } from "../support/factories.ts";
import { type FixtureServer, respondWith, startFixtureServer } from "../support/fixture-server.ts";

const CITED = "The port handled 412 zephyrquill containers in March, twice the official figure.";

function hostilePage(origin: string): string {
  const filler = "Harbour officials published their monthly throughput tables on Friday afternoon. ".repeat(
    5,
  );
  return `<!doctype html><html><head><title>Harbour throughput</title>
<meta http-equiv="refresh" content="0;url=${origin}/refreshed">
<script src="${origin}/evil.js"></script>
<link rel="stylesheet" href="${origin}/evil.css">
<style>body { display: none } @import url("${origin}/imported.css");</style>
</head><body onload="alert('onload')">
<article><h1>Harbour throughput</h1>
<p>${filler}</p>
<p onclick="alert('click')">${CITED}</p>
<img src="${origin}/pixel.png" onerror="alert('onerror')">
<script>alert('inline'); window.__pwned = true;</script>
<iframe src="${origin}/frame"></iframe>
<p>${filler}</p>
<a href="javascript:alert('link')">a link</a>
</article></body></html>`;
}

describe("the snapshot page of a hostile source", () => {
  const browser = sharedBrowser();
  let fixture: FixtureServer;
  let evidenceId: string;
  let articleId: string;
  let annotationId: string;

  beforeAll(async () => {
    fixture = await startFixtureServer();
    fixture.route("/hostile", respondWith(hostilePage(fixture.origin)));
    process.env.FETCH_ALLOW_HOSTS = fixture.hostPort;
    const annotator = await actorForEmail("annotator@demo.test");
    const text = "The authority reported 206 zephyrquill containers in March.";
    const article = await createArticle({
      actor: annotator,
      teamSlug: "demo-desk",
      input: { title: `Harbour snapshot ${Date.now()}`, format: "text", content: text },
    });
    articleId = article.id;
    const annotation = await createAnnotation({
      actor: annotator,
      articleId: article.id,
      input: { label: "fact", start: 0, end: text.length },
    });
    annotationId = annotation.id;
    const team = await db.team.findUniqueOrThrow({ where: { slug: "demo-desk" }, select: { id: true } });
    // Written directly (not through addEvidence) with the job marked as sent, so that the e2e
    // server's own dispatcher, which may not reach this fixture, leaves the archiving to this test.
    const evidence = await db.evidence.create({
      data: {
        annotationId: annotation.id,
        relation: "CONTRADICTS",
        url: `${fixture.origin}/hostile`,
        quote: CITED,
        addedById: annotator.userId,
        snapshot: {
          create: { teamId: team.id, url: `${fixture.origin}/hostile`, queuedAt: new Date() },
        },
      },
    });
    evidenceId = evidence.id;
    expect(await archiveSnapshot(evidenceId, { lastAttempt: true })).toBe("archived");
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it("shows the readable text with the excerpt marked, and nothing of the source runs or loads", async () => {
    const before = fixture.requests.length;
    expect(fixture.requests.map((request) => request.path)).toEqual(["/hostile"]);
    const context = await newContext(browser());
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page, "viewer@demo.test", DEMO_PASSWORD);
    const path = `/t/demo-desk/evidence/${evidenceId}/snapshot`;
    await page.goto(path);
    expect(await page.locator("h1").textContent()).toBe("Harbour throughput");
    expect(await page.locator("mark").textContent()).toBe(CITED);
    // Give a meta refresh, a late script or a lazy frame time to act.
    await page.waitForTimeout(1500);
    await page.locator("mark").click();
    expect(new URL(page.url()).pathname).toBe(path);
    expect(dialogs).toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned ?? null),
    ).toBeNull();
    expect(fixture.requests.length).toBe(before);
    expect(
      await page.locator("main iframe, main img, main script[src], main [onclick], main [onerror]").count(),
    ).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    await expectNoSeriousAxeViolations(page, "the snapshot page");
    await context.close();
  });

  it("the evidence panel shows the archived copy and lets the annotator ask for a check", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.setViewportSize({ width: 1360, height: 900 });
    await signIn(page, "annotator@demo.test", DEMO_PASSWORD);
    await page.goto(`/t/demo-desk/articles/${articleId}`);
    const item = page.locator(`[data-sidebar-annotation="${annotationId}"]`);
    await item.waitFor({ timeout: 15_000 });
    await item.locator("> button").click();
    const status = item.locator('[data-snapshot-state="archived"]');
    await status.waitFor({ timeout: 10_000 });
    const link = status.getByRole("link", { name: "Archived copy" });
    expect(await link.getAttribute("href")).toBe(`/t/demo-desk/evidence/${evidenceId}/snapshot`);
    await status.getByRole("button", { name: /Check now/ }).click();
    await status.getByText("check pending").waitFor({ timeout: 10_000 });
    const row = await db.evidenceSnapshot.findUniqueOrThrow({ where: { evidenceId } });
    expect(row.checkRequestedAt !== null || row.checkedAt !== null).toBe(true);
    await context.close();
  });
});
