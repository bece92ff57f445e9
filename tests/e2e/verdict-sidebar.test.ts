// Issue 16 in the browser: a moderator gives a verdict from the sidebar (rating, Markdown
// conclusion, the evidence it rests on) beside the passage's evidence balance; an annotator with
// the same article open sees the badge appear live and cannot give one; the form is axe clean.
// Permissions and 409s are covered through the API in tests/integration/verdicts*.test.ts.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { addEvidence } from "../../lib/evidence/add-evidence.ts";
import { reviewAnnotation } from "../../lib/reviews/review-annotation.ts";
import { expectNoSeriousAxeViolations } from "../support/axe.ts";
import { openArticlePage, sharedBrowser } from "../support/browser.ts";
import { actorForEmail } from "../support/factories.ts";

const TEXT =
  "The port authority said 3,900 quillfern containers were handled in June. " +
  "Its own monthly bulletin lists 2,100 for the same month.";
const CLAIM = "3,900 quillfern containers were handled in June";

describe("verdicts in the sidebar", () => {
  const browser = sharedBrowser();
  let articlePath: string;
  let claimId: string;

  beforeAll(async () => {
    const annotator = await actorForEmail("annotator@demo.test");
    const moderator = await actorForEmail("moderator@demo.test");
    const article = await createArticle({
      actor: annotator,
      teamSlug: "demo-desk",
      input: { title: `Port figures ${Date.now()}`, format: "text", content: TEXT },
    });
    articlePath = `/t/demo-desk/articles/${article.id}`;
    const start = TEXT.indexOf(CLAIM);
    const claim = await createAnnotation({
      actor: annotator,
      articleId: article.id,
      input: { label: "fact", start, end: start + CLAIM.length },
    });
    claimId = claim.id;
    await addEvidence({
      actor: annotator,
      annotationId: claimId,
      input: {
        relation: "contradicts",
        url: "https://port.example/bulletin-june",
        title: "Monthly bulletin, June",
      },
    });
    await reviewAnnotation({ actor: moderator, annotationId: claimId, input: { decision: "approve" } });
  });

  async function open(email: string): Promise<Page> {
    const page = await openArticlePage(browser(), email, articlePath);
    await page.locator(`[data-sidebar-annotation="${claimId}"]`).waitFor({ timeout: 10_000 });
    return page;
  }

  it("a moderator rules on an approved fact; an annotator sees the badge live and is offered no form", async () => {
    const moderator = await open("moderator@demo.test");
    const annotator = await open("annotator@demo.test");
    const modItem = moderator.locator(`[data-sidebar-annotation="${claimId}"]`);
    const annItem = annotator.locator(`[data-sidebar-annotation="${claimId}"]`);

    // The annotator opens the claim: no verdict section at all (nothing to show, nothing to give).
    await annItem.locator("> button").click();
    await annItem.getByRole("button", { name: "Add evidence" }).waitFor({ timeout: 10_000 });
    expect(await annItem.locator("[data-verdict-section]").count()).toBe(0);

    // The moderator opens it: the evidence balance beside the form.
    await modItem.locator("> button").click();
    await modItem.getByText("Evidence: 0 corroborating · 1 contradicting").waitFor({ timeout: 10_000 });
    await modItem.getByRole("button", { name: "Give a verdict" }).click();
    const form = modItem.getByRole("form", { name: "Give a verdict" });
    await form.getByLabel("Rating").waitFor({ timeout: 10_000 });
    const save = form.getByRole("button", { name: "Save verdict" });
    // Nothing to save until there is a conclusion and at least one evidence item.
    expect(await save.isDisabled()).toBe(true);
    await form.getByLabel("Rating").selectOption({ label: "False (1)" });
    await form
      .getByLabel("Conclusion")
      .fill("The port's **own bulletin** lists 2,100 containers, not 3,900.");
    await form.getByLabel(/Contradicts: Monthly bulletin, June/).check();
    await expectNoSeriousAxeViolations(moderator, "the verdict form open in the sidebar");
    await save.click();
    await form.waitFor({ state: "detached", timeout: 10_000 });

    // The moderator's sidebar shows the verdict with its rendered conclusion.
    await modItem.locator("[data-verdict-badge]").filter({ hasText: "False" }).first().waitFor();
    expect(await modItem.locator(".verdict-conclusion strong").textContent()).toBe("own bulletin");
    await modItem.getByText(/Rests on 1 evidence item/).waitFor();

    // The annotator's sidebar follows without a reload.
    await annItem
      .locator("[data-verdict-badge]")
      .filter({ hasText: "False" })
      .first()
      .waitFor({ timeout: 10_000 });
    await annItem.locator(".verdict-conclusion").getByText("own bulletin").waitFor();
    for (const name of ["Give a verdict", "Change verdict", "Remove verdict"]) {
      expect(await annItem.getByRole("button", { name, exact: true }).count(), name).toBe(0);
    }

    const stored = await db.verdict.findFirstOrThrow({ where: { annotationId: claimId } });
    expect(stored.conclusion).toContain("**own bulletin**");
    await moderator.context().close();
    await annotator.context().close();
  }, 120_000);
});
