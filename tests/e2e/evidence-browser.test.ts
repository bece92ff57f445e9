// Issue 5 in the browser: an annotator opens an annotation in the sidebar and attaches an
// external source (corroborates) and another annotation through the picker (contradicts); a
// second annotator with the same article open sees the counts change live, and the article's
// JSON export carries both; a viewer opening the annotation is offered no add form.
// (Other teams' refusal is covered through the API in tests/integration/evidence-api.test.ts.)
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { reviewAnnotation } from "../../lib/reviews/review-annotation.ts";
import { openArticlePage, sharedBrowser } from "../support/browser.ts";
import { actorForEmail } from "../support/factories.ts";

const TEXT =
  "The harbour authority reported 412 zephyrquill shipments in March. " +
  "Critics called the figure a zephyrquill fantasy invented for the minister.";

describe("evidence in the browser", () => {
  const browser = sharedBrowser();
  let articleId: string;
  let articlePath: string;
  let claimId: string;
  let rebuttalId: string;

  beforeAll(async () => {
    const annotator = await actorForEmail("annotator@demo.test");
    const annotator2 = await actorForEmail("annotator2@demo.test");
    const moderator = await actorForEmail("moderator@demo.test");
    const article = await createArticle({
      actor: annotator,
      teamSlug: "demo-desk",
      input: { title: `Harbour figures ${Date.now()}`, format: "text", content: TEXT },
    });
    articleId = article.id;
    articlePath = `/t/demo-desk/articles/${articleId}`;
    const claimText = "412 zephyrquill shipments";
    const rebuttalText = "a zephyrquill fantasy invented for the minister";
    const claim = await createAnnotation({
      actor: annotator,
      articleId,
      input: {
        label: "fact",
        start: TEXT.indexOf(claimText),
        end: TEXT.indexOf(claimText) + claimText.length,
      },
    });
    const rebuttal = await createAnnotation({
      actor: annotator2,
      articleId,
      input: {
        label: "opinion",
        start: TEXT.indexOf(rebuttalText),
        end: TEXT.indexOf(rebuttalText) + rebuttalText.length,
      },
    });
    claimId = claim.id;
    rebuttalId = rebuttal.id;
    // Annotators export approved annotations only: a moderator approves both first.
    for (const id of [claimId, rebuttalId]) {
      await reviewAnnotation({ actor: moderator, annotationId: id, input: { decision: "approve" } });
    }
  });

  async function open(email: string): Promise<Page> {
    const page = await openArticlePage(browser(), email, articlePath);
    await page.locator(`[data-sidebar-annotation="${claimId}"]`).waitFor({ timeout: 10_000 });
    return page;
  }

  function sidebarItem(page: Page, id: string) {
    return page.locator(`[data-sidebar-annotation="${id}"]`);
  }

  /** The "✓n ✗m" counts of a sidebar item (the visible, aria-hidden part). */
  async function counts(page: Page, id: string): Promise<string> {
    const parts = await sidebarItem(page, id).locator("> button span[aria-hidden='true']").allTextContents();
    return parts.filter((part) => /^[✓✗]\d+$/.test(part)).join(" ");
  }

  it("adds an external source and an internal target; a teammate sees it live and in the export; a viewer cannot add", async () => {
    const first = await open("annotator@demo.test");
    const second = await open("annotator2@demo.test");
    expect(await counts(second, claimId)).toBe("✓0 ✗0");

    // The first annotator opens the claim; its evidence section appears with the add button.
    const item = sidebarItem(first, claimId);
    await item.locator("> button").click();
    const addButton = item.getByRole("button", { name: "Add evidence" });
    await addButton.waitFor({ timeout: 10_000 });

    // External source, corroborates (the default relation and source kind).
    await addButton.click();
    let form = item.getByRole("form", { name: "Add evidence" });
    await form.waitFor();
    await form.getByLabel("✓ corroborates").check();
    await form.getByLabel("URL").fill("https://example.org/report");
    await form.getByLabel("Title").fill("Harbour authority annual report");
    await form.getByRole("button", { name: "Add evidence" }).click();
    await form.waitFor({ state: "detached", timeout: 10_000 });
    await item.getByText("Harbour authority annual report").waitFor({ timeout: 10_000 });

    // Internal target, contradicts, found through the picker.
    await item.getByRole("button", { name: "Add evidence" }).click();
    form = item.getByRole("form", { name: "Add evidence" });
    await form.waitFor();
    await form.getByLabel("✗ contradicts").check();
    await form.getByLabel("Another annotation").check();
    await form.getByLabel("Find an annotation").fill("fantasy invented");
    const option = form.getByRole("radio", { name: /a zephyrquill fantasy invented for the minister/ });
    await option.waitFor({ timeout: 10_000 });
    await option.check();
    await form.getByRole("button", { name: "Add evidence" }).click();
    await form.waitFor({ state: "detached", timeout: 10_000 });

    // Recorded in PostgreSQL with both relations and both target kinds.
    const stored = await db.evidence.findMany({
      where: { annotationId: claimId },
      orderBy: { createdAt: "asc" },
    });
    expect(stored.map((row) => [row.relation, row.url, row.targetAnnotationId])).toEqual([
      ["CORROBORATES", "https://example.org/report", null],
      ["CONTRADICTS", null, rebuttalId],
    ]);

    // Both browsers show the new counts; the second one without reloading.
    await expect.poll(() => counts(first, claimId), { timeout: 10_000 }).toBe("✓1 ✗1");
    await expect.poll(() => counts(second, claimId), { timeout: 10_000 }).toBe("✓1 ✗1");

    // The JSON export of the article, fetched with the second annotator's session, has both.
    const response = await second.request.get(`/api/v1/articles/${articleId}/export?format=json`);
    expect(response.status()).toBe(200);
    const exported = (await response.json()) as {
      annotations: Array<{
        id: string;
        evidence: Array<{ relation: string; url: string | null; targetAnnotationId: string | null }>;
      }>;
    };
    const claim = exported.annotations.find((annotation) => annotation.id === claimId);
    expect(claim).toBeDefined();
    expect(
      claim!.evidence.map((evidence) => [evidence.relation, evidence.url, evidence.targetAnnotationId]),
    ).toEqual(
      expect.arrayContaining([
        ["corroborates", "https://example.org/report", null],
        ["contradicts", null, rebuttalId],
      ]),
    );
    expect(claim!.evidence).toHaveLength(2);

    // A viewer sees the evidence but is offered no way to add any.
    const viewer = await open("viewer@demo.test");
    expect(await counts(viewer, claimId)).toBe("✓1 ✗1");
    const viewerItem = sidebarItem(viewer, claimId);
    await viewerItem.locator("> button").click();
    await viewerItem.getByText("Harbour authority annual report").waitFor({ timeout: 10_000 });
    expect(await viewerItem.getByRole("button", { name: "Add evidence" }).count()).toBe(0);
    expect(await viewerItem.getByRole("form", { name: "Add evidence" }).count()).toBe(0);
  }, 180_000); // three browsers signing in on a shared machine
});
