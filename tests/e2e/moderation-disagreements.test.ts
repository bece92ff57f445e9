// The review page's disagreements: served by their own endpoint, asked for beside the queue's
// page. One already open is there on first paint; one that arises while the moderator watches
// appears without a reload; settling one removes its card and every side takes the chosen label.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import type { Label } from "../../lib/generated/prisma/enums.ts";
import { newContext, sharedBrowser, signIn } from "../support/browser.ts";
import {
  createTeamWithMembers,
  insertQuotedAnnotation,
  type TestTeam,
  type TestUser,
} from "../support/factories.ts";

const TEXT =
  "Officials said 1,200 homes were destroyed in the flood. The response was a disgrace. Donate to the relief fund today.";

describe("disagreements on the review page", () => {
  const browser = sharedBrowser();
  let team: TestTeam;
  let second: TestUser;
  let articleId: string;

  const tag = (author: TestUser, label: Label, quote: string) =>
    insertQuotedAnnotation({ teamId: team.id, articleId, authorId: author.id, label, text: TEXT, quote });

  beforeAll(async () => {
    team = await createTeamWithMembers({ extra: ["ANNOTATOR"] });
    second = team.members.find((member) => member.role === "ANNOTATOR" && member.id !== team.annotator.id)!;
    const article = await db.$transaction((tx) =>
      insertArticle(tx, {
        teamId: team.id,
        importedById: team.admin.id,
        title: "Flood report",
        format: "text",
        content: TEXT,
      }),
    );
    articleId = article.id;
  });

  async function openReview(): Promise<Page> {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.setViewportSize({ width: 1360, height: 900 });
    await signIn(page, team.moderator.email, team.moderator.password);
    await page.goto(`/t/${team.slug}/review`);
    await page.getByRole("heading", { name: "Review queue" }).waitFor();
    return page;
  }

  const cards = (page: Page) => page.getByRole("region", { name: /Disagreements/ }).getByRole("article");

  it("shows an open one on first paint, a new one live, and settles one in a step", async () => {
    const fact = await tag(team.annotator, "FACT", "1,200 homes were destroyed");
    const opinion = await tag(second, "OPINION", "homes were destroyed in the flood");
    const page = await openReview();
    await page.getByRole("heading", { name: "Disagreements (1)" }).waitFor({ timeout: 10_000 });
    expect(await cards(page).count()).toBe(1);
    expect(await cards(page).first().textContent()).toContain("1,200 homes were destroyed in the flood");

    // A second disagreement arises while the moderator watches: its card appears without a reload.
    await tag(team.annotator, "OPINION", "The response was a disgrace.");
    await tag(second, "ADVOCACY", "was a disgrace");
    await page.getByRole("heading", { name: "Disagreements (2)" }).waitFor({ timeout: 10_000 });

    // Settle the first as fact, with a reason: its card leaves, both sides carry the label.
    const first = cards(page).filter({ hasText: "1,200 homes" });
    await first.getByRole("radio", { name: "fact" }).check();
    await first.getByLabel("Reason").fill("The figure is in the ministry's report");
    await first.getByRole("button", { name: "Settle" }).click();
    await first.waitFor({ state: "detached", timeout: 10_000 });
    await page.getByRole("heading", { name: "Disagreements (1)" }).waitFor({ timeout: 10_000 });
    const settled = await db.annotation.findMany({
      where: { id: { in: [fact.id, opinion.id] } },
      select: { label: true, status: true },
    });
    expect(settled).toEqual([
      { label: "FACT", status: "APPROVED" },
      { label: "FACT", status: "APPROVED" },
    ]);
    // It stays gone on the next polls: the server no longer lists it either.
    await page.waitForTimeout(3500);
    expect(await cards(page).count()).toBe(1);
    expect(await cards(page).first().textContent()).toContain("The response was a disgrace.");
    await page.context().close();
  });
});
