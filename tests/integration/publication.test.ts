import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  POST as publishRoute,
  PUT as republishRoute,
  GET as statusRoute,
  DELETE as unpublishRoute,
} from "../../app/api/v1/articles/[id]/publication/route.ts";
import { GET as publicPage } from "../../app/p/[publicId]/route.ts";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { loadArticleClaimReviews } from "../../lib/export/load-claim-reviews.ts";
import {
  forgetPublicPage,
  publicPageListenerIsUp,
  stopPublicPageListener,
} from "../../lib/publications/public-page-cache.ts";
import { updatePublicProfile } from "../../lib/publications/update-public-profile.ts";
import { createReply } from "../../lib/replies/create-reply.ts";
import { reviewAnnotation } from "../../lib/reviews/review-annotation.ts";
import { setVerdict } from "../../lib/verdicts/set-verdict.ts";
import { callJson, sessionCookie, type TestAuth } from "../support/api.ts";
import { claimReviewProblems } from "../support/claimreview-checker.ts";
import {
  addMember,
  createApiToken,
  createTeamWithMembers,
  createUser,
  type TestTeam,
  type TestUser,
} from "../support/factories.ts";
import { waitUntil } from "../support/fault-helpers.ts";

// Unique markers planted in every private field; none may reach the public page or its JSON-LD.
const M = {
  note: "LEAK-NOTE-7f3a",
  reply: "LEAK-REPLY-7f3a",
  pendingNote: "LEAK-PENDING-NOTE-7f3a",
  rejectedNote: "LEAK-REJECTED-NOTE-7f3a",
  reviewReason: "LEAK-REASON-7f3a",
  annotatorName: "Leaky Annotator 7f3a",
  moderatorName: "Leaky Moderator 7f3a",
  email: "leak-7f3a@example.test",
  evidenceNote: "LEAK-EVIDENCE-NOTE-7f3a",
  evidenceExcerpt: "LEAK-EVIDENCE-EXCERPT-7f3a",
  unusedEvidence: "https://leak-unused-7f3a.example/",
  otherArticle: "LEAK-OTHER-ARTICLE-7f3a",
  unpublishedTarget: "LEAK-UNPUBLISHED-TARGET-7f3a",
  otherTeam: "LEAK-OTHER-TEAM-7f3a",
  token: "LEAK-TOKEN-7f3a",
} as const;

const TEXT = [
  "The ministry said unemployment fell to 3.1 percent in October.",
  "Critics called the figure a PENDING-PASSAGE-TEXT that nobody believes.",
  "A spokesman added that REJECTED-PASSAGE-TEXT was the real story.",
  'An aide wrote "</script><script>alert(1)</script>" in the notes.',
  "This is an outrageous policy that must end.",
].join("\n\n");

let team: TestTeam;
let other: TestTeam;
let annotator: TestUser;
let moderator: TestUser;
let articleId: string;
const ids: Record<string, string> = {};

async function as(user: TestUser): Promise<TestAuth> {
  return { cookie: await sessionCookie(user) };
}

function call(handler: typeof publishRoute, method: string, auth: TestAuth, id = articleId) {
  return callJson(handler, `/api/v1/articles/${id}/publication`, { method, auth, params: { id } });
}

afterAll(async () => {
  await stopPublicPageListener();
});

async function fetchPage(url: string): Promise<{ status: number; html: string }> {
  const publicId = url.split("/").pop()!;
  const response = await publicPage(new Request(`http://localhost${url}`), {
    params: Promise.resolve({ publicId }),
  });
  return { status: response.status, html: await response.text() };
}

async function tag(
  quote: string,
  label: "fact" | "opinion" | "advocacy",
  note?: string,
  article = articleId,
  by = annotator,
) {
  const { text } = await db.article.findUniqueOrThrow({ where: { id: article } });
  const start = text.indexOf(quote);
  expect(start, quote).toBeGreaterThanOrEqual(0);
  return (
    await createAnnotation({
      actor: by.actor,
      articleId: article,
      input: { label, start, end: start + quote.length, note },
    })
  ).id;
}

function jsonLd(html: string): unknown {
  const match = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  expect(match, "the page embeds ClaimReview JSON-LD").not.toBeNull();
  return JSON.parse(match![1]!);
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  other = await createTeamWithMembers({ name: M.otherTeam });
  annotator = await createUser({ name: M.annotatorName, email: M.email });
  moderator = await createUser({ name: M.moderatorName });
  await addMember(team.id, annotator.id, "ANNOTATOR");
  await addMember(team.id, moderator.id, "MODERATOR");
  await createApiToken({ teamId: team.id, createdById: team.admin.id, scopes: ["READ"], name: M.token });
  articleId = (
    await createArticle({
      actor: team.admin.actor,
      teamSlug: team.slug,
      input: { title: "Jobs report", byline: "Jane Reporter", format: "text", content: TEXT },
    })
  ).id;
  const otherArticleId = (
    await createArticle({
      actor: team.admin.actor,
      teamSlug: team.slug,
      input: { title: M.otherArticle, format: "text", content: `Growth was ${M.unpublishedTarget} strong.` },
    })
  ).id;

  ids.fact = await tag("unemployment fell to 3.1 percent in October", "fact", M.note);
  ids.script = await tag('"</script><script>alert(1)</script>"', "fact");
  ids.pending = await tag("PENDING-PASSAGE-TEXT", "fact", M.pendingNote);
  ids.rejected = await tag("REJECTED-PASSAGE-TEXT", "fact", M.rejectedNote);
  ids.advocacy = await tag("must end", "advocacy");
  ids.target = await tag(M.unpublishedTarget, "fact", undefined, otherArticleId);
  for (const id of [ids.fact, ids.script, ids.advocacy, ids.target]) {
    await reviewAnnotation({ actor: moderator.actor, annotationId: id!, input: { decision: "approve" } });
  }
  await reviewAnnotation({
    actor: moderator.actor,
    annotationId: ids.rejected!,
    input: { decision: "reject", reason: M.reviewReason },
  });
  await createReply({ actor: annotator.actor, annotationId: ids.fact!, input: { body: M.reply } });
  const source = await db.evidence.create({
    data: {
      annotationId: ids.fact!,
      relation: "CORROBORATES",
      url: "https://stats.example/october",
      title: "October labour statistics",
      publisher: "Statistics Office",
      archivedUrl: "https://archive.example/october",
      quote: M.evidenceExcerpt,
      note: M.evidenceNote,
      addedById: annotator.id,
    },
  });
  const internal = await db.evidence.create({
    data: {
      annotationId: ids.fact!,
      relation: "CORROBORATES",
      targetAnnotationId: ids.target,
      addedById: annotator.id,
    },
  });
  await db.evidence.create({
    data: {
      annotationId: ids.fact!,
      relation: "CONTRADICTS",
      url: M.unusedEvidence,
      title: "unused",
      addedById: annotator.id,
    },
  });
  await setVerdict({
    actor: moderator.actor,
    annotationId: ids.fact!,
    input: {
      rating: "Mostly true",
      conclusion: "The office reports **3.1%**.",
      evidenceIds: [source.id, internal.id],
    },
  });
  const scriptEvidence = await db.evidence.create({
    data: {
      annotationId: ids.script!,
      relation: "CONTRADICTS",
      url: "https://x.example/a",
      addedById: annotator.id,
    },
  });
  await setVerdict({
    actor: moderator.actor,
    annotationId: ids.script!,
    input: { rating: "False", conclusion: "Not <b>real</b>.", evidenceIds: [scriptEvidence.id] },
  });
  // Another team's published article with a verdict.
  const foreign = await createArticle({
    actor: other.admin.actor,
    teamSlug: other.slug,
    input: { title: M.otherTeam, format: "text", content: `Other ${M.otherTeam} claim.` },
  });
  await db.publication.create({
    data: {
      teamId: other.id,
      articleId: foreign.id,
      publicId: randomUUID().replace(/-/g, "").slice(0, 22),
      snapshot: {},
      publishedById: other.admin.id,
    },
  });
});

describe("POST/PUT/DELETE /api/v1/articles/{id}/publication: who may", () => {
  it("annotators and viewers 403, another team 404 (session and token); moderators publish, republish, unpublish", async () => {
    for (const user of [team.annotator, team.viewer]) {
      expect((await call(publishRoute, "POST", await as(user))).status).toBe(403);
    }
    expect((await call(publishRoute, "POST", await as(other.admin))).status).toBe(404);
    const otherToken = await createApiToken({
      teamId: other.id,
      createdById: other.admin.id,
      scopes: ["REVIEW"],
    });
    expect((await call(publishRoute, "POST", { bearer: otherToken.secret })).status).toBe(404);
    expect((await call(republishRoute, "PUT", await as(team.moderator))).status).toBe(404);
    expect((await call(unpublishRoute, "DELETE", await as(team.moderator))).status).toBe(404);
    expect(await db.publication.count({ where: { articleId } })).toBe(0);

    const published = await call(publishRoute, "POST", await as(team.moderator));
    expect(published.status).toBe(201);
    expect(published.body.url).toMatch(/^\/p\/[A-Za-z0-9_-]{22}$/);
    expect((await call(publishRoute, "POST", await as(team.admin))).status).toBe(409);
    for (const user of [team.annotator, team.viewer]) {
      expect((await call(republishRoute, "PUT", await as(user))).status).toBe(403);
      expect((await call(unpublishRoute, "DELETE", await as(user))).status).toBe(403);
    }
    expect((await call(unpublishRoute, "DELETE", await as(other.admin))).status).toBe(404);
    const status = await call(statusRoute, "GET", await as(team.viewer));
    expect(status.body.publication.url).toBe(published.body.url);
    const republished = await call(republishRoute, "PUT", await as(team.admin));
    expect(republished.status).toBe(200);
    expect(republished.body).toMatchObject({ url: published.body.url, version: 2 });
    expect((await call(unpublishRoute, "DELETE", await as(team.moderator))).status).toBe(204);
    expect((await fetchPage(published.body.url)).status).toBe(404);
    const actions = (
      await db.auditEvent.findMany({
        where: {
          entityId: articleId,
          action: { in: ["article.publish", "article.republish", "article.unpublish"] },
        },
        orderBy: { id: "asc" },
      })
    ).map((event) => event.action);
    expect(actions).toEqual(["article.publish", "article.republish", "article.unpublish"]);
  });
});

describe("the public page", () => {
  it("shows the snapshot without sign-in: approved highlights, legend, verdicts, evidence, claim anchors, JSON-LD, OpenGraph", async () => {
    const { body } = await call(publishRoute, "POST", await as(team.moderator));
    const { status, html } = await fetchPage(body.url);
    expect(status).toBe(200);
    expect(html).toContain("<h1>Jobs report</h1>");
    expect(html).toMatch(/<mark class="hl hl-fact">unemployment fell to 3.1 percent in October<\/mark>/);
    expect(html).toMatch(/<mark class="hl hl-advocacy">must end<\/mark>/);
    expect(html).toContain('id="claim-1"');
    expect(html).toContain('id="claim-2"');
    expect(html).toContain("Mostly true");
    expect(html).toContain("<strong>3.1%</strong>");
    expect(html).toContain('href="https://stats.example/october"');
    expect(html).toContain("Statistics Office");
    expect(html).toContain('href="https://archive.example/october"');
    expect(html).toContain("Legend");
    expect(html).toMatch(/Updated on <time/);
    expect(html).toContain('<meta property="og:title" content="Jobs report">');
    expect(html).toContain(`<meta property="og:url" content="http://localhost${body.url}">`);
    // The quote with a script tag is text everywhere: escaped in HTML, \u003c in JSON-LD.
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("Not &lt;b&gt;real&lt;/b&gt;.");
    const reviews = jsonLd(html) as Array<Record<string, unknown>>;
    expect(reviews).toHaveLength(2);
    for (const review of reviews)
      expect(claimReviewProblems(review, { claimAuthor: "Jane Reporter" })).toEqual([]);
    expect(reviews[0]!.url).toBe(`http://localhost${body.url}#claim-1`);
    // The export points at the same anchors once the article is published.
    const exported = await loadArticleClaimReviews(team, articleId, "http://localhost");
    expect(exported.map((review) => review.url).sort()).toEqual(reviews.map((review) => review.url).sort());
    expect((await fetchPage("/p/not-a-real-id")).status).toBe(404);
    expect((await fetchPage(`/p/${"A".repeat(22)}`)).status).toBe(404);
  });

  it("leaks nothing private: notes, replies, pending and rejected passages, people, emails, unused or unpublished evidence, other articles and teams", async () => {
    const { html } = await fetchPage(
      (await call(statusRoute, "GET", await as(team.viewer))).body.publication.url,
    );
    const ld = JSON.stringify(jsonLd(html));
    for (const [field, marker] of Object.entries(M)) {
      expect(html, field).not.toContain(marker);
      expect(ld, field).not.toContain(marker);
    }
    for (const user of [team.admin, team.moderator, team.annotator, team.viewer]) {
      expect(html).not.toContain(user.name);
      expect(html).not.toContain(user.email);
    }
    // The passages' own text is the article's text, but never highlighted.
    expect(html).toContain("PENDING-PASSAGE-TEXT");
    expect(html).not.toMatch(/<mark[^>]*>[^<]*PENDING-PASSAGE-TEXT/);
    expect(html).not.toMatch(/<mark[^>]*>[^<]*REJECTED-PASSAGE-TEXT/);
    expect(html).not.toContain(articleId);
    expect(html).not.toContain(team.id);
    expect(html).not.toContain(ids.fact);
  });

  it("credits appear only when the team turns them on, at the next republish", async () => {
    const url = (await call(statusRoute, "GET", await as(team.viewer))).body.publication.url;
    expect(
      (
        await updatePublicProfile({
          actor: team.moderator.actor,
          teamSlug: team.slug,
          input: { showCredits: true },
        }).catch((e) => e)
      ).code,
    ).toBe("forbidden");
    await updatePublicProfile({
      actor: team.admin.actor,
      teamSlug: team.slug,
      input: {
        showCredits: true,
        organizationName: "Jobs Desk",
        organizationUrl: "https://jobsdesk.example",
      },
    });
    expect((await fetchPage(url)).html).not.toContain(M.moderatorName);
    expect((await call(republishRoute, "PUT", await as(team.moderator))).status).toBe(200);
    const { html } = await fetchPage(url);
    expect(html).toContain(`Fact-checked by ${M.moderatorName}`);
    expect(html).not.toContain(M.email);
    const reviews = jsonLd(html) as Array<{ author: unknown }>;
    expect(reviews[0]!.author).toEqual({
      "@type": "Organization",
      name: "Jobs Desk",
      url: "https://jobsdesk.example",
    });
    await updatePublicProfile({
      actor: team.admin.actor,
      teamSlug: team.slug,
      input: { showCredits: false },
    });
    await call(republishRoute, "PUT", await as(team.moderator));
    expect((await fetchPage(url)).html).not.toContain(M.moderatorName);
  });

  it("is a snapshot: later changes show only after republishing, claim numbers stay, unpublishing is 404 at once", async () => {
    const url = (await call(statusRoute, "GET", await as(team.viewer))).body.publication.url;
    const before = (await fetchPage(url)).html;
    const newFact = await tag("The ministry said", "fact");
    await reviewAnnotation({ actor: moderator.actor, annotationId: newFact, input: { decision: "approve" } });
    await reviewAnnotation({
      actor: moderator.actor,
      annotationId: ids.advocacy!,
      input: { decision: "reject", reason: "not advocacy" },
    });
    expect((await fetchPage(url)).html).toBe(before);
    await call(republishRoute, "PUT", await as(team.moderator));
    const after = (await fetchPage(url)).html;
    expect(after).not.toMatch(/<mark class="hl hl-advocacy">must end<\/mark>/);
    expect(after).toContain('id="claim-3"');
    // The first claim keeps number 1 although the new one comes first in the text.
    expect(after).toMatch(/id="claim-1"[\s\S]*unemployment fell to 3.1 percent/);
    // Another instance's unpublish (simulated: the row is deleted behind this instance's back, so
    // nothing here calls forgetPublicPage) reaches this instance's cache through the trigger's
    // signal at once: well before the cache would ask PostgreSQL again on its own (5 s).
    await waitUntil(() => publicPageListenerIsUp(), "the publication listener", 10_000);
    expect((await fetchPage(url)).status).toBe(200);
    // While the listener is up, a page PostgreSQL confirmed is served from memory: with the
    // signal switched off, a page moved away by hand is still served (for at most 5 s, by design).
    const publicId = url.split("/").pop()!;
    await db.$executeRawUnsafe(`ALTER TABLE "Publication" DISABLE TRIGGER "Publication_changed"`);
    try {
      await db.publication.update({ where: { articleId }, data: { publicId: `${publicId}-moved` } });
      expect((await fetchPage(url)).status).toBe(200);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "Publication" ENABLE TRIGGER "Publication_changed"`);
    }
    await db.publication.update({ where: { articleId }, data: { publicId } });
    await db.publication.delete({ where: { articleId } });
    await waitUntil(async () => (await fetchPage(url)).status === 404, "404 after a signal", 1_000);
    forgetPublicPage(publicId);
  });
});
