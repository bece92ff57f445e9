// An article with many annotations: the sidebar renders its first rows at once and the rest
// on request (a button keyboard users reach) or when scrolled near, every row telling its place
// in the whole list; a highlight whose row was not rendered yet still opens and focuses it.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { buildAnchor, quoteSpan } from "../../lib/anchors/anchor.ts";
import { BODY_FIELD } from "../../lib/articles/body-document.ts";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { newContext, sharedBrowser, signIn } from "../support/browser.ts";
import { createTeamWithMembers, type TestTeam } from "../support/factories.ts";

const PARAGRAPHS = 90;
const FIRST_ROWS = 40; // components/annotator/lazy-annotation-list.tsx

describe("a long annotation list", () => {
  const browser = sharedBrowser();
  let team: TestTeam;
  let articlePath: string;
  /** Annotation ids in document order (one per paragraph, none overlapping). */
  let ids: string[];

  beforeAll(async () => {
    team = await createTeamWithMembers();
    const content = Array.from(
      { length: PARAGRAPHS },
      (_, i) => `Paragraph ${i + 1} reports that ${1000 + i * 7} shipments arrived in the harbour.`,
    ).join("\n\n");
    const article = await db.$transaction((tx) =>
      insertArticle(tx, {
        teamId: team.id,
        importedById: team.admin.id,
        title: "Long list",
        format: "text",
        content,
      }),
    );
    articlePath = `/t/${team.slug}/articles/${article.id}`;
    const stored = await db.article.findUniqueOrThrow({
      where: { id: article.id },
      select: { ydoc: true, text: true },
    });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.ydoc);
    const fragment = doc.getXmlFragment(BODY_FIELD);
    const data = [];
    let from = 0;
    for (let i = 0; i < PARAGRAPHS; i++) {
      const start = stored.text.indexOf(`${1000 + i * 7} shipments`, from);
      const end = start + `${1000 + i * 7} shipments`.length;
      from = end;
      const quote = quoteSpan(stored.text, start, end);
      data.push({
        teamId: team.id,
        articleId: article.id,
        authorId: team.annotator.id,
        label: (["FACT", "OPINION", "ADVOCACY"] as const)[i % 3]!,
        anchor: buildAnchor(fragment, start, end),
        ...quote,
      });
    }
    await db.annotation.createMany({ data });
    const rows = await db.annotation.findMany({
      where: { articleId: article.id },
      orderBy: { start: "asc" },
      select: { id: true },
    });
    ids = rows.map((row) => row.id);
  });

  async function open(): Promise<Page> {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.setViewportSize({ width: 1360, height: 900 });
    await signIn(page, team.annotator.email, team.annotator.password);
    await page.goto(articlePath);
    // Every highlight is in the live body (the server-rendered one before it has them already, and
    // the sidebar fills only with the live annotations), whatever the sidebar shows.
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              new Set(
                [...document.querySelectorAll(".ProseMirror [data-annotation-id]")].map((e) =>
                  e.getAttribute("data-annotation-id"),
                ),
              ).size,
          ),
        { timeout: 20_000 },
      )
      .toBe(PARAGRAPHS);
    return page;
  }

  const rows = (page: Page) => page.getByTestId("annotation-list").locator("[data-sidebar-annotation]");

  it("renders the first rows, tells each row's place in the whole list, and shows the rest on request", async () => {
    const page = await open();
    expect(await rows(page).count()).toBe(FIRST_ROWS);
    expect(
      await rows(page).evaluateAll((items) =>
        items.map((item) => item.getAttribute("data-sidebar-annotation")),
      ),
    ).toEqual(ids.slice(0, FIRST_ROWS));
    const first = rows(page).first();
    expect(await first.getAttribute("aria-posinset")).toBe("1");
    expect(await first.getAttribute("aria-setsize")).toBe(String(PARAGRAPHS));
    // The counts cover every annotation, rendered or not.
    const counted = await page.locator("[data-count-for]").allTextContents();
    expect(counted.map(Number).reduce((a, b) => a + b, 0)).toBe(PARAGRAPHS);

    // By keyboard: the button after the last row renders the rest.
    const more = page.getByRole("button", { name: /Show more/ });
    await more.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => rows(page).count()).toBe(PARAGRAPHS);
    expect(await rows(page).last().getAttribute("aria-posinset")).toBe(String(PARAGRAPHS));
    expect(await more.count()).toBe(0);
    await page.context().close();
  });

  it("renders more rows when the end of the list is scrolled near", async () => {
    const page = await open();
    expect(await rows(page).count()).toBe(FIRST_ROWS);
    await page.getByRole("complementary", { name: "Annotations" }).evaluate((aside) => {
      aside.scrollTop = aside.scrollHeight;
    });
    await expect.poll(() => rows(page).count()).toBeGreaterThan(FIRST_ROWS);
    await page.context().close();
  });

  it("opens and focuses the row of a highlight whose row was not rendered yet", async () => {
    const page = await open();
    const last = ids.at(-1)!;
    expect(await page.locator(`[data-sidebar-annotation="${last}"]`).count()).toBe(0);
    await page.locator(`.ProseMirror [data-annotation-id="${last}"]`).first().click();
    const row = page.locator(`[data-sidebar-annotation="${last}"]`);
    await row.locator('button[aria-current="true"]').waitFor({ timeout: 5000 });
    await expect
      .poll(() => row.evaluate((element) => element.contains(document.activeElement)), { timeout: 5000 })
      .toBe(true);
    expect(await row.getAttribute("aria-posinset")).toBe(String(PARAGRAPHS));
    await page.context().close();
  });
});
