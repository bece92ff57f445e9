// Stored XSS, rendered (issue 9 item 3): every user text field holds a payload from the XSS
// corpus (tests/support/hostile-corpus.ts): team names, display names, token names, article
// titles, bylines and bodies (text, HTML and Markdown imports), annotation notes, evidence title,
// publisher, excerpt, note and URL, review reasons and reply bodies. Real Chromium then visits
// every page that renders them, signed in as the people who see them, and checks that nothing
// ran: no dialog opened, no payload set window.__xss, no injected element (data-xss, on*
// attributes, javascript: links, extra frames) exists, while the payloads are visibly there as text.
import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { addEvidence } from "../../lib/evidence/add-evidence.ts";
import { createReply } from "../../lib/replies/create-reply.ts";
import { reviewAnnotation } from "../../lib/reviews/review-annotation.ts";
import { newContext, sharedBrowser, signIn } from "../support/browser.ts";
import { addMember, createApiToken, createUser, TEST_PASSWORD, type TestUser } from "../support/factories.ts";
import { xssPayloads } from "../support/hostile-corpus.ts";

const P = xssPayloads();
const suffix = randomBytes(3).toString("hex");
const slug = `xss-desk-${suffix}`;

const browser = sharedBrowser();
let admin: TestUser;
let moderator: TestUser;
let annotator: TestUser;
let mainArticleId: string;
let htmlArticleId: string;
let markdownArticleId: string;
let firstAnnotationId: string;

beforeAll(async () => {
  admin = await createUser({ name: P[0] });
  moderator = await createUser({ name: P[1] });
  annotator = await createUser({ name: P[2] });
  const team = await db.team.create({ data: { slug, name: P[3]! } });
  await addMember(team.id, admin.id, "ADMIN");
  await addMember(team.id, moderator.id, "MODERATOR");
  await addMember(team.id, annotator.id, "ANNOTATOR");
  // Every payload as a member's name, a token's name and another team's name.
  for (const [i, payload] of P.entries()) {
    const member = await createUser({ name: payload });
    await addMember(team.id, member.id, "VIEWER");
    await createApiToken({ teamId: team.id, createdById: admin.id, scopes: ["READ"], name: payload });
    const other = await db.team.create({ data: { slug: `xss-${i}-${suffix}`, name: payload } });
    await addMember(other.id, admin.id, "ADMIN");
  }

  // Every payload as an article title and byline.
  for (const [i, payload] of P.entries()) {
    await createArticle({
      actor: annotator.actor,
      teamSlug: slug,
      input: {
        title: payload,
        byline: payload,
        format: "text",
        content: `Story ${i}.\n\n${payload}\n\nThe end.`,
      },
    });
  }
  const body = P.join("\n\n");
  mainArticleId = (
    await createArticle({
      actor: annotator.actor,
      teamSlug: slug,
      input: { title: `Main ${P[4]}`, format: "text", content: body },
    })
  ).id;
  htmlArticleId = (
    await createArticle({
      actor: annotator.actor,
      teamSlug: slug,
      input: { title: "HTML import", format: "html", content: `<p>HTML lead.</p>${P.join("<p>sep</p>")}` },
    })
  ).id;
  markdownArticleId = (
    await createArticle({
      actor: annotator.actor,
      teamSlug: slug,
      input: { title: "Markdown import", format: "markdown", content: `Markdown lead.\n\n${body}` },
    })
  ).id;

  // Every payload as an annotation note (on its own passage); half of them rejected with the payload as reason.
  const text = body;
  const annotationIds: string[] = [];
  for (const [i, payload] of P.entries()) {
    const start = text.indexOf(payload);
    const annotation = await createAnnotation({
      actor: annotator.actor,
      articleId: mainArticleId,
      input: { label: "fact", start, end: start + payload.length, note: payload },
    });
    annotationIds.push(annotation.id);
    if (i % 2 === 1) {
      await reviewAnnotation({
        actor: moderator.actor,
        annotationId: annotation.id,
        input: { decision: "reject", reason: payload },
      });
    }
  }
  firstAnnotationId = annotationIds[0]!;
  // The first annotation carries every payload as evidence and as a reply (the evidence panel and
  // the discussion show them when it is selected); the replies notify its author.
  // One site per payload, so the sources page (grouped by site and page) shows every one.
  for (const [i, payload] of P.entries()) {
    await addEvidence({
      actor: annotator.actor,
      annotationId: firstAnnotationId,
      input: {
        relation: "corroborates",
        url: `https://s${i}.example.org/source/${i}?x=${encodeURIComponent(payload)}`,
        // Numbered, so the page checks below can tell the panel's text from the article body's.
        title: `Evidence ${i}: ${payload}`,
        publisher: `Publisher ${i}: ${payload}`,
        quote: payload,
        note: payload,
      },
    });
    await createReply({
      actor: moderator.actor,
      annotationId: firstAnnotationId,
      input: { body: `Reply ${i}: ${payload}` },
    });
  }
  await addEvidence({
    actor: annotator.actor,
    annotationId: firstAnnotationId,
    input: { relation: "contradicts", targetAnnotationId: annotationIds[2] },
  });
}, 240_000);

interface Watched {
  page: Page;
  dialogs: string[];
}

async function openAs(user: TestUser): Promise<Watched> {
  const context = await newContext(browser());
  const page = await context.newPage();
  await page.setViewportSize({ width: 1360, height: 900 });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signIn(page, user.email, TEST_PASSWORD);
  return { page, dialogs };
}

/** Waits until the page shows `text` as text (so the payloads were really rendered). */
async function shows(page: Page, text: string): Promise<void> {
  // innerText, not textContent: the payloads also sit in Next's inline RSC data scripts, which
  // textContent would count; only rendered text proves the page shows them.
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point
  await page.waitForFunction((wanted) => document.body.innerText.includes(wanted), text, { timeout: 20_000 });
}

/** Everything a payload would leave behind if it had run or been parsed as markup. */
async function expectInert(watched: Watched, where: string): Promise<void> {
  // A moment for onerror/onload/ontoggle handlers and refreshes to fire if anything was injected.
  await watched.page.waitForTimeout(300);
  const traces = await watched.page.evaluate(() => {
    const elements = [...document.querySelectorAll("*")];
    return {
      flag: (window as unknown as { __xss?: unknown }).__xss ?? null,
      dataXss: document.querySelectorAll("[data-xss]").length,
      handlers: elements.flatMap((element) =>
        [...element.attributes]
          .filter((attribute) => /^on/i.test(attribute.name))
          .map((attribute) => `${element.tagName}[${attribute.name}]`),
      ),
      javascriptUrls: elements
        .flatMap((element) =>
          ["href", "src", "action", "formaction", "xlink:href", "data"].map((name) =>
            element.getAttribute(name),
          ),
        )
        .filter((value): value is string => value !== null && /^\s*javascript:/i.test(value))
        // React's own placeholder on server-action forms (it throws; never user data).
        .filter((value) => value !== "javascript:throw new Error('React form unexpectedly submitted.')"),
      injected: document.querySelectorAll(
        "main script, main iframe, main object, main embed, main svg[onload], body > base, meta[http-equiv]",
      ).length,
      location: window.location.pathname,
    };
  });
  expect(watched.dialogs, `${where}: dialogs`).toEqual([]);
  expect(traces, where).toMatchObject({
    flag: null,
    dataXss: 0,
    handlers: [],
    javascriptUrls: [],
    injected: 0,
  });
  expect(watched.page.frames(), `${where}: frames`).toHaveLength(1);
  // Still on the page visited (no meta refresh or injected navigation).
  expect(new URL(watched.page.url()).pathname).toBe(traces.location);
}

describe("stored XSS payloads render as inert text on every page", () => {
  it("team list, team page, dashboard, sources, members, tokens (admin)", async () => {
    const watched = await openAs(admin);
    const { page } = watched;

    await page.goto("/teams");
    await shows(page, P[5]!);
    await expectInert(watched, "/teams");

    await page.goto(`/t/${slug}`);
    await shows(page, P[6]!);
    await expectInert(watched, "team page");

    await page.goto(`/t/${slug}/dashboard`);
    await page.waitForLoadState("networkidle");
    await expectInert(watched, "dashboard");

    await page.goto(`/t/${slug}/evidence`);
    for (const text of [`Evidence 7: ${P[7]}`, `Publisher 8: ${P[8]}`]) await shows(page, text);
    await expectInert(watched, "sources");

    await page.goto(`/t/${slug}/settings/members`);
    await shows(page, P[8]!);
    await expectInert(watched, "members");

    await page.goto(`/t/${slug}/settings/tokens`);
    await shows(page, P[9]!);
    await expectInert(watched, "tokens");
    await page.context().close();
  }, 240_000);

  it("article page: body, sidebar notes, evidence panel and discussion; HTML and Markdown imports (annotator)", async () => {
    const watched = await openAs(annotator);
    const { page } = watched;

    await page.goto(`/t/${slug}/articles/${mainArticleId}`);
    await page.locator(".ProseMirror").waitFor({ state: "visible", timeout: 30_000 });
    await shows(page, P[10]!);
    const item = page.locator(`[data-sidebar-annotation="${firstAnnotationId}"]`);
    await item.waitFor({ timeout: 20_000 });
    await expectInert(watched, "article page");

    // Selecting the annotation opens its evidence and discussion.
    await item.locator("> button").click();
    // Evidence titles and the moderator's replies, all payloads.
    const last = P.length - 1;
    for (const text of [`Evidence 11: ${P[11]}`, `Reply 12: ${P[12]}`, `Reply ${last}: ${P[last]}`]) {
      await shows(page, text);
    }
    await expectInert(watched, "evidence and discussion");
    // Every external link is http(s) and does not leak the page (rel and referrer policy).
    const links = await page.locator("a[href*='.example.org/']").evaluateAll((anchors) =>
      anchors.map((anchor) => ({
        href: anchor.getAttribute("href") ?? "",
        rel: anchor.getAttribute("rel") ?? "",
      })),
    );
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.href).toMatch(/^https:\/\/s\d+\.example\.org\//);
      expect(link.rel).toContain("noopener");
    }

    await page.goto(`/t/${slug}/articles/${htmlArticleId}`);
    await page.locator(".ProseMirror").waitFor({ state: "visible", timeout: 30_000 });
    await shows(page, "HTML lead.");
    await expectInert(watched, "HTML import");

    await page.goto(`/t/${slug}/articles/${markdownArticleId}`);
    await page.locator(".ProseMirror").waitFor({ state: "visible", timeout: 30_000 });
    // Raw HTML in Markdown is shown as text, not parsed.
    await shows(page, P[0]!);
    await expectInert(watched, "Markdown import");

    // Notifications (the moderator's replies and reviews, by a user whose name is a payload).
    await page.getByRole("button", { name: /^Notifications/ }).click();
    await shows(page, `${P[1]} replied to your tag`);
    await expectInert(watched, "notifications");
    await page.context().close();
  }, 240_000);

  it("review queue with filters (moderator)", async () => {
    const watched = await openAs(moderator);
    const { page } = watched;
    await page.goto(`/t/${slug}/review`);
    // Pending annotations (even indexes) with their payload notes, authored by a payload name.
    await shows(page, P[14]!);
    await expectInert(watched, "review queue");
    await page.context().close();
  }, 240_000);

  it("the checks bite: a payload that does run is seen", async () => {
    const watched = await openAs(annotator);
    const { page } = watched;
    await page.goto(`/t/${slug}`);
    await shows(page, P[6]!);
    // Simulate one injection the way a broken renderer would: parse a payload as HTML.
    await page.evaluate((html) => {
      const holder = document.createElement("div");
      holder.innerHTML = html;
      document.body.append(holder);
    }, P[1]!);
    await expect(expectInert(watched, "deliberate injection")).rejects.toThrow();
    await page.context().close();
  }, 240_000);
});
