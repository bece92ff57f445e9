import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "../../app/api/v1/teams/[team]/articles/route.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { getArticle } from "../../lib/articles/get-article.ts";
import type { UserActor } from "../../lib/auth/actor.ts";
import { db } from "../../lib/db.ts";
import { generateTokenSecret, hashSecret } from "../../lib/tokens/token-secret.ts";
import { callRoute } from "../support/api.ts";
import { refusal } from "../support/app-error.ts";
import { createMemberActor } from "../support/factories.ts";
import {
  type FixtureServer,
  redirectTo,
  respondWith,
  startFixtureServer,
} from "../support/fixture-server.ts";

const fixture = (name: string) => readFileSync(new URL(`../support/fixtures/news/${name}`, import.meta.url));

let server: FixtureServer;
let annotator: UserActor;
let viewer: UserActor;
let outsider: UserActor;
let token: string;
const previousAllow = process.env.FETCH_ALLOW_HOSTS;

beforeAll(async () => {
  server = await startFixtureServer({
    "/2026/11/30/council-approves-flood-barrier/": respondWith(fixture("wordpress-story.html")),
    "/investigations/hospital-procurement": respondWith(fixture("paywall-teaser.html")),
    "/amp/reforma-pensiones.html": respondWith(fixture("amp-story.html")),
    "/live/election-night": respondWith(fixture("live-blog.html")),
    // No charset in the header: the page's <meta http-equiv> says windows-1252.
    "/greve-raffinerie.html": respondWith(fixture("windows-1252.html"), "text/html"),
    // The header says ISO-8859-1, which browsers (and we) read as windows-1252.
    "/greve-latin1.html": respondWith(fixture("windows-1252.html"), "text/html; charset=ISO-8859-1"),
    "/login": respondWith(fixture("not-an-article.html")),
    "/feed.json": respondWith('{"items":[]}', "application/json"),
    "/short": redirectTo("/2026/11/30/council-approves-flood-barrier/", 301),
  });
  process.env.FETCH_ALLOW_HOSTS = server.hostPort;
  const team = await db.team.create({ data: { slug: "web", name: "Web desk" } });
  const other = await db.team.create({ data: { slug: "elsewhere", name: "Elsewhere" } });
  annotator = await createMemberActor(team.id, "ANNOTATOR");
  viewer = await createMemberActor(team.id, "VIEWER");
  outsider = await createMemberActor(other.id, "ADMIN");
  token = generateTokenSecret();
  await db.apiToken.create({
    data: {
      teamId: team.id,
      createdById: annotator.userId,
      name: "t",
      prefix: token.slice(0, 8),
      tokenHash: hashSecret(token),
      scopes: ["READ", "ANNOTATE"],
    },
  });
});

afterAll(async () => {
  if (previousAllow === undefined) delete process.env.FETCH_ALLOW_HOSTS;
  else process.env.FETCH_ALLOW_HOSTS = previousAllow;
  await server?.close();
});

async function importUrl(path: string, extra: Record<string, unknown> = {}) {
  const created = await createArticle({
    actor: annotator,
    teamSlug: "web",
    input: { format: "url", url: `${server.origin}${path}`, ...extra },
  });
  const article = await getArticle({ actor: annotator, articleId: created.id });
  return { ...article, text: article.text ?? "" };
}

describe("URL import: five news page shapes", () => {
  it("a WordPress story: the body only, metadata from JSON-LD, canonical URL beside the fetched one", async () => {
    const article = await importUrl("/2026/11/30/council-approves-flood-barrier/");
    expect(article).toMatchObject({
      format: "url",
      title: "Council approves flood barrier after decade of delays",
      byline: "Dana Whitfield, Omar Haddad",
      publishedAt: "2026-11-30T08:15:00.000Z",
      sourceUrl: "https://riverside-courier.example/2026/11/30/council-approves-flood-barrier/",
      fetchedUrl: `${server.origin}/2026/11/30/council-approves-flood-barrier/`,
      language: "en-US",
    });
    expect(article.sourceFetchedAt).not.toBeNull();
    expect(article.text).toContain("The city council voted 9 to 2 on Monday night");
    expect(article.text).toContain(
      "Construction is due to start in the spring of 2027 and to take four years.",
    );
    expect(article.text).toContain("Opposition on cost");
    for (const junk of [
      "cookies",
      "Advertisement",
      "Aurora SUV",
      "Related stories",
      "About time",
      "Most read",
      "All rights reserved",
      "Subscribe",
    ]) {
      expect(article.text, junk).not.toContain(junk);
    }
    // Paragraphs stay paragraphs.
    expect(article.text.split("\n\n").length).toBeGreaterThanOrEqual(6);
  });

  it("a paywall teaser: the free paragraphs, not the subscription offer", async () => {
    const article = await importUrl("/investigations/hospital-procurement");
    expect(article).toMatchObject({
      title: "Inside the hospital procurement deals that cost millions",
      byline: "Priya Natarajan",
      publishedAt: "2026-12-01T06:00:00.000Z",
      sourceUrl: "https://ledger.example/investigations/hospital-procurement",
      language: "en-GB",
    });
    expect(article.text).toContain("31 million pounds for protective equipment");
    expect(article.text).toContain("joined the supplier's board");
    expect(article.text).not.toContain("Subscribe to keep reading");
    expect(article.text).not.toContain("£1 a week");
  });

  it("an AMP page: the story without AMP boilerplate, ads or analytics; canonical link to the non-AMP page", async () => {
    const article = await importUrl("/amp/reforma-pensiones.html");
    expect(article).toMatchObject({
      title: "El Gobierno aprueba la reforma de las pensiones",
      byline: "Lucía Fernández",
      publishedAt: "2026-11-28T11:30:00.000Z",
      sourceUrl: "https://diario-sur.example/economia/reforma-pensiones.html",
      language: "es",
    });
    expect(article.text).toContain("El Consejo de Ministros aprobó este martes la reforma");
    expect(article.text).toContain("15.000 millones de euros");
    expect(article.text).not.toMatch(/amp-start|gtag|doubleclick|Aviso legal/);
  });

  it("a live blog: every entry, newest first as published, without the share tools or trending links", async () => {
    const article = await importUrl("/live/election-night");
    expect(article).toMatchObject({
      title: "Election night live: results as they come in",
      byline: "Metro Daily politics team",
      sourceUrl: "https://metrodaily.example/live/election-night",
      language: "en",
    });
    const conceded = article.text.indexOf("Frank Delgado has conceded");
    const turnout = article.text.indexOf("turnout reached 58 percent");
    const closed = article.text.indexOf("Polls have closed across the city");
    expect(conceded).toBeGreaterThanOrEqual(0);
    expect(turnout).toBeGreaterThan(conceded);
    expect(closed).toBeGreaterThan(turnout);
    expect(article.text).not.toMatch(/Share on social media|Best pizza/);
  });

  it("a windows-1252 page: accents, curly apostrophes and dashes decoded, from the meta tag or the header", async () => {
    for (const path of ["/greve-raffinerie.html", "/greve-latin1.html"]) {
      const article = await importUrl(path);
      expect(article.title).toBe("Grève à la raffinerie : la production à l’arrêt");
      expect(article.byline).toBe("Hélène Bérubé");
      expect(article.language).toBe("fr");
      expect(article.publishedAt).toBe("2026-11-25T00:00:00.000Z");
      expect(article.text).toContain("la production est totalement à l’arrêt depuis le 12 novembre");
      expect(article.text).toContain("« Nous ne reprendrons pas le travail sans garanties écrites »");
      expect(article.text).not.toMatch(/[\u0080-\u009f\ufffd]/);
      expect(article.text).not.toContain("Publicité");
      // No canonical link on the page: the fetched URL is the source.
      expect(article.sourceUrl).toBe(`${server.origin}${path}`);
    }
  });
});

describe("URL import: rules", () => {
  it("what the request gives wins over what the page says", async () => {
    const article = await importUrl("/investigations/hospital-procurement", {
      title: "Procurement story",
      byline: "Desk",
      language: "en",
    });
    expect(article).toMatchObject({ title: "Procurement story", byline: "Desk", language: "en" });
  });

  it("records the URL after redirects as the fetched URL", async () => {
    const article = await importUrl("/short");
    expect(article.fetchedUrl).toBe(`${server.origin}/2026/11/30/council-approves-flood-barrier/`);
  });

  it("refuses a page with no story (422 not_an_article) and stores nothing", async () => {
    const before = await db.article.count();
    const error = await refusal(importUrl("/login"));
    expect(error.code).toBe("not_an_article");
    expect(error.status).toBe(422);
    expect(await db.article.count()).toBe(before);
  });

  it("refuses a non-HTML document, an upstream 404 and a private address with the fetcher's codes", async () => {
    expect((await refusal(importUrl("/feed.json"))).code).toBe("fetch_unsupported_type");
    expect((await refusal(importUrl("/missing"))).code).toBe("fetch_http_error");
    const blocked = await refusal(
      createArticle({
        actor: annotator,
        teamSlug: "web",
        input: { format: "url", url: "http://169.254.169.254/latest/" },
      }),
    );
    expect(blocked.code).toBe("fetch_blocked_address");
  });

  it("a viewer may not import (403) and another team's member gets 404, before anything is fetched", async () => {
    const requests = server.requests.length;
    const url = `${server.origin}/live/election-night`;
    expect(
      (await refusal(createArticle({ actor: viewer, teamSlug: "web", input: { format: "url", url } }))).code,
    ).toBe("forbidden");
    expect(
      (await refusal(createArticle({ actor: outsider, teamSlug: "web", input: { format: "url", url } })))
        .code,
    ).toBe("not_found");
    expect(server.requests.length).toBe(requests);
  });

  it("through the API: 201 with the article, 400 for a missing or non-http URL, 422 with the code", async () => {
    const post = (body: unknown) =>
      callRoute(createRoute, "/api/v1/teams/web/articles", {
        method: "POST",
        auth: { bearer: token },
        params: { team: "web" },
        body,
      });
    const created = await post({ format: "url", url: `${server.origin}/amp/reforma-pensiones.html` });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      format: "url",
      language: "es",
      fetchedUrl: `${server.origin}/amp/reforma-pensiones.html`,
    });
    for (const body of [
      { format: "url" },
      { format: "url", url: "javascript:alert(1)" },
      { format: "url", url: "file:///etc/passwd" },
    ]) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const notArticle = await post({ format: "url", url: `${server.origin}/login` });
    expect(notArticle.status).toBe(422);
    expect((await notArticle.json()).error.code).toBe("not_an_article");
  });
});
