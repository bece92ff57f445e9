import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as refreshRoute } from "../../app/api/v1/articles/[id]/refresh/route.ts";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { getArticle } from "../../lib/articles/get-article.ts";
import { listArticleHistory } from "../../lib/articles/list-article-history.ts";
import { refreshArticleSource } from "../../lib/articles/refresh-article-source.ts";
import type { UserActor } from "../../lib/auth/actor.ts";
import { db } from "../../lib/db.ts";
import { exportArticle } from "../../lib/export/export-article.ts";
import { generateTokenSecret, hashSecret } from "../../lib/tokens/token-secret.ts";
import { callRoute } from "../support/api.ts";
import { refusal } from "../support/app-error.ts";
import { createMemberActor } from "../support/factories.ts";
import { type FixtureServer, startFixtureServer } from "../support/fixture-server.ts";

const PARAGRAPHS = [
  "The city council voted 9 to 2 on Monday night to build a flood barrier along the east bank of the river.",
  "The barrier is expected to cost 148 million euros. Regional grants will cover about 60 percent of that.",
  "Residents of the Lowmead district, where more than 400 homes flooded in 2021, packed the public gallery.",
  "Construction is due to start in the spring of 2027 and to take four years.",
];

function page(paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Flood barrier approved</title>
<meta property="og:title" content="Flood barrier approved"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Flood barrier approved</h1>${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}</article>
<footer>© Courier</footer></body></html>`;
}

let server: FixtureServer;
let current = [...PARAGRAPHS];
let alice: UserActor;
let bruno: UserActor;
let moderator: UserActor;
let viewer: UserActor;
let outsider: UserActor;
let articleId: string;
const previousAllow = process.env.FETCH_ALLOW_HOSTS;

beforeAll(async () => {
  server = await startFixtureServer({
    "/story": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(current));
    },
  });
  process.env.FETCH_ALLOW_HOSTS = server.hostPort;
  const team = await db.team.create({ data: { slug: "checks", name: "Checks" } });
  const other = await db.team.create({ data: { slug: "rival", name: "Rival" } });
  alice = await createMemberActor(team.id, "ANNOTATOR", "Alice");
  bruno = await createMemberActor(team.id, "ANNOTATOR", "Bruno");
  moderator = await createMemberActor(team.id, "MODERATOR", "Mona");
  viewer = await createMemberActor(team.id, "VIEWER", "Vic");
  outsider = await createMemberActor(other.id, "ADMIN", "Oscar");
  articleId = (
    await createArticle({
      actor: alice,
      teamSlug: "checks",
      input: { format: "url", url: `${server.origin}/story` },
    })
  ).id;
});

afterAll(async () => {
  if (previousAllow === undefined) delete process.env.FETCH_ALLOW_HOSTS;
  else process.env.FETCH_ALLOW_HOSTS = previousAllow;
  await server?.close();
});

async function highlight(actor: UserActor, quote: string) {
  const { text } = await getArticle({ actor, articleId });
  const start = text!.indexOf(quote);
  expect(start, quote).toBeGreaterThanOrEqual(0);
  return createAnnotation({ actor, articleId, input: { label: "fact", start, end: start + quote.length } });
}

describe("re-checking the source", () => {
  it("an unchanged source changes nothing", async () => {
    await highlight(alice, "9 to 2");
    const before = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    const events = await db.auditEvent.count({ where: { entityId: articleId } });
    const result = await refreshArticleSource({ actor: bruno, articleId });
    expect(result).toMatchObject({
      changed: false,
      paragraphs: [],
      orphaned: [],
      contentHash: before.sourceHash,
    });
    const after = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(after.bodyVersion).toBe(before.bodyVersion);
    expect(after.text).toBe(before.text);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await db.auditEvent.count({ where: { entityId: articleId } })).toBe(events);
  });

  it("a changed sentence orphans exactly the highlights on it (source_changed), the others keep their exact place", async () => {
    const onChanged = await highlight(alice, "148 million euros");
    const overlapping = await highlight(bruno, "The barrier is expected to cost 148 million euros.");
    const samePara = await highlight(bruno, "Regional grants will cover about 60 percent of that.");
    const before = await highlight(bruno, "flood barrier along the east bank");
    const after = await highlight(alice, "spring of 2027");
    // The publisher quietly changes one sentence and adds a paragraph before the last one.
    current = [
      PARAGRAPHS[0]!,
      "The barrier is now expected to cost 212 million euros. Regional grants will cover about 60 percent of that.",
      PARAGRAPHS[2]!,
      "The mayor called the vote historic.",
      PARAGRAPHS[3]!,
    ];
    const result = await refreshArticleSource({ actor: bruno, articleId });
    expect(result.changed).toBe(true);
    expect(result.paragraphs).toEqual([
      { before: PARAGRAPHS[1], after: current[1] },
      { before: null, after: "The mayor called the vote historic." },
    ]);
    expect(result.orphaned.map((o) => o.id).sort()).toEqual([onChanged.id, overlapping.id].sort());

    const rows = await db.annotation.findMany({ where: { articleId }, orderBy: { createdAt: "asc" } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const id of [onChanged.id, overlapping.id]) {
      expect(byId.get(id)).toMatchObject({ orphaned: true, orphanReason: "source_changed" });
    }
    for (const id of [samePara.id, before.id, after.id]) {
      expect(byId.get(id)).toMatchObject({ orphaned: false, orphanReason: null });
    }
    const article = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(article.text.endsWith(current.join("\n\n"))).toBe(true);
    expect(article.text).not.toContain("148 million");
    expect(article.sourceHash).toBe(result.contentHash);

    // The JSON export's slice rule holds for every highlight that is not orphaned.
    const download = await exportArticle({
      actor: moderator,
      articleId,
      query: { format: "json" },
      baseUrl: "http://localhost",
    });
    const exported = JSON.parse(String(download.body));
    const live = exported.annotations.filter((a: { orphaned: boolean }) => !a.orphaned);
    expect(live.length).toBe(4);
    for (const annotation of live) {
      expect(exported.article.text.slice(annotation.start, annotation.end)).toBe(annotation.quote);
    }
    expect(exported.annotations.filter((a: { orphaned: boolean }) => a.orphaned)).toHaveLength(2);

    // Authors are told: Alice and Bruno once each, for their own highlight.
    const notes = await db.notification.findMany({ where: { kind: "annotation.source_changed" } });
    expect(notes.map((n) => `${n.userId}:${n.annotationId}`).sort()).toEqual(
      [`${alice.userId}:${onChanged.id}`, `${bruno.userId}:${overlapping.id}`].sort(),
    );

    // The history shows a source update with the fetch time, the hash and the paragraphs.
    const history = await listArticleHistory({ actor: viewer, articleId });
    const update = history.find((entry) => entry.action === "article.source_update");
    expect(update).toBeDefined();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { entityId: articleId, action: "article.source_update" },
    });
    expect(event.after).toMatchObject({
      contentHash: result.contentHash,
      fetchedAt: result.fetchedAt,
      fetchedUrl: `${server.origin}/story`,
      paragraphs: result.paragraphs,
    });
    // A second re-check of the same source changes nothing more.
    const again = await refreshArticleSource({ actor: alice, articleId });
    expect(again.changed).toBe(false);
  });

  it("refuses viewers (403), other teams (404), pasted articles (409), and a vanished source with the fetcher's code", async () => {
    expect((await refusal(refreshArticleSource({ actor: viewer, articleId }))).code).toBe("forbidden");
    expect((await refusal(refreshArticleSource({ actor: outsider, articleId }))).code).toBe("not_found");
    const pasted = await createArticle({
      actor: alice,
      teamSlug: "checks",
      input: {
        title: "Pasted",
        format: "text",
        content: "Pasted text that has no source to re-check at all.",
      },
    });
    expect((await refusal(refreshArticleSource({ actor: alice, articleId: pasted.id }))).code).toBe(
      "conflict",
    );
    server.route("/story", (_req, res) => {
      res.writeHead(410).end("gone");
    });
    const gone = await refusal(refreshArticleSource({ actor: alice, articleId }));
    expect(gone.code).toBe("fetch_http_error");
    expect(gone.details).toMatchObject({ upstreamStatus: 410 });
  });

  it("through the API with a token (scope annotate): 200; without it 403", async () => {
    const team = await db.team.findUniqueOrThrow({ where: { slug: "checks" } });
    const make = async (scopes: ("READ" | "ANNOTATE")[]) => {
      const secret = generateTokenSecret();
      await db.apiToken.create({
        data: {
          teamId: team.id,
          createdById: alice.userId,
          name: "t",
          prefix: secret.slice(0, 8),
          tokenHash: hashSecret(secret),
          scopes,
        },
      });
      return secret;
    };
    server.route("/story", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" }).end(page(current));
    });
    const call = (bearer: string) =>
      callRoute(refreshRoute, `/api/v1/articles/${articleId}/refresh`, {
        method: "POST",
        auth: { bearer },
        params: { id: articleId },
      });
    const ok = await call(await make(["READ", "ANNOTATE"]));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ changed: false });
    expect((await call(await make(["READ"]))).status).toBe(403);
  });
});
