// Over 400 lines: one corpus through every user text field of the API; the fields share setup and helpers.
// Hostile text through the public API (issue 9 item 3): an XSS corpus and SQL metacharacters in
// every user text field (team name, display name, token name, invite email, article title,
// byline and body in each import format, annotation note, evidence title/publisher/quote/note/url,
// review reason, reply body) are stored and returned as data, verbatim, or refused with a precise
// 400; exports (json, ndjson, w3c) carry them as data; query parameters with SQL metacharacters
// change nothing. Unicode edge cases in article bodies keep every export's offsets exact in the
// unit that format counts (json/ndjson: UTF-16 code units; w3c TextPositionSelector: code points).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { registerUser } from "../../lib/auth/register-user.ts";
import { db } from "../../lib/db.ts";
import type { ArticleExport } from "../../lib/export/export-types.ts";
import { callRoute, sessionCookie, type TestAuth } from "../support/api.ts";
import { addMember, createSession, createTeamWithMembers, type TestTeam } from "../support/factories.ts";
import { SQL_PAYLOADS, UNICODE_CASES, xssPayloads } from "../support/hostile-corpus.ts";
import { type InventoriedRoute, listApiRoutes } from "../support/route-inventory.ts";

let routes: InventoriedRoute[];
let team: TestTeam;
const auth: Record<"admin" | "moderator" | "annotator", TestAuth> = {
  admin: null,
  moderator: null,
  annotator: null,
};

const PAYLOADS = [...xssPayloads(), ...SQL_PAYLOADS];

beforeAll(async () => {
  routes = await listApiRoutes();
  team = await createTeamWithMembers();
  for (const role of ["admin", "moderator", "annotator"] as const) {
    auth[role] = { cookie: await sessionCookie(team[role]) };
  }
}, 60_000);

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field below
type Json = any;

/** Calls the route with this key ("POST /api/v1/teams/[team]/articles") as an API client would. */
async function call(
  key: string,
  who: TestAuth,
  options: { params?: Record<string, string>; query?: string; body?: unknown } = {},
): Promise<{ status: number; body: Json; text: string }> {
  const route = routes.find((candidate) => candidate.key === key);
  if (!route) throw new Error(`no route ${key}`);
  const params = options.params ?? {};
  const path = route.template.replace(/\[([^\]]+)\]/g, (_, name: string) =>
    encodeURIComponent(params[name]!),
  );
  const response = await callRoute(route.handler, `${path}${options.query ? `?${options.query}` : ""}`, {
    method: route.method,
    auth: who,
    params,
    body: options.body,
  });
  const text = await response.text();
  let body: Json = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, body, text };
}

interface Stored {
  payload: string;
  articleId: string;
  annotationId: string;
  authorName: string;
}
const stored: Stored[] = [];

describe("every user text field stores and returns hostile strings verbatim", () => {
  it.each(PAYLOADS.map((payload, index) => [index, payload] as const))(
    "payload %i",
    async (index, payload) => {
      const slug = `h-${index}-${randomBytes(3).toString("hex")}`;
      const created = await call("POST /api/v1/teams", auth.admin, { body: { slug, name: payload } });
      expect(created.status, created.text).toBe(201);
      expect(created.body.name).toBe(payload);
      expect((await call("GET /api/v1/teams/[team]", auth.admin, { params: { team: slug } })).body.name).toBe(
        payload,
      );

      const token = await call("POST /api/v1/teams/[team]/tokens", auth.admin, {
        params: { team: team.slug },
        body: { name: payload, scopes: ["read"] },
      });
      expect(token.status, token.text).toBe(201);
      expect(token.body.name).toBe(payload);

      // A display name (registration is the one place a name is chosen) on a member who replies below.
      const registered = await registerUser({
        email: `hostile-${index}-${randomBytes(3).toString("hex")}@example.test`,
        name: payload,
        password: "a long enough password",
      });
      expect(registered.name).toBe(payload);
      await addMember(team.id, registered.id, "ANNOTATOR");
      const session = await createSession(registered.id);
      const replier: TestAuth = {
        cookie: await sessionCookie({ id: registered.id, actor: { sessionId: session.id } }),
      };

      const content = `Before the payload. ${payload} After the payload.`;
      const article = await call("POST /api/v1/teams/[team]/articles", auth.annotator, {
        params: { team: team.slug },
        body: { title: payload, byline: payload, format: "text", content },
      });
      expect(article.status, article.text).toBe(201);
      const read = await call("GET /api/v1/articles/[id]", auth.annotator, {
        params: { id: article.body.id },
      });
      expect({ title: read.body.title, byline: read.body.byline, text: read.body.text }).toEqual({
        title: payload,
        byline: payload,
        text: content,
      });

      const start = content.indexOf(payload);
      const annotation = await call("POST /api/v1/articles/[id]/annotations", auth.annotator, {
        params: { id: article.body.id },
        body: { label: "fact", start, end: start + payload.length, note: payload },
      });
      expect(annotation.status, annotation.text).toBe(201);
      expect({ quote: annotation.body.quote, note: annotation.body.note }).toEqual({
        quote: payload,
        note: payload,
      });

      const url = `https://example.org/source?q=${encodeURIComponent(payload)}`;
      const evidence = await call("POST /api/v1/annotations/[id]/evidence", auth.annotator, {
        params: { id: annotation.body.id },
        body: {
          relation: "corroborates",
          url,
          title: payload,
          publisher: payload,
          quote: payload,
          note: payload,
        },
      });
      expect(evidence.status, evidence.text).toBe(201);
      expect(evidence.body).toMatchObject({
        title: payload,
        publisher: payload,
        quote: payload,
        note: payload,
      });

      const review = await call("POST /api/v1/annotations/[id]/reviews", auth.moderator, {
        params: { id: annotation.body.id },
        body: { decision: "reject", reason: payload },
      });
      expect(review.status, review.text).toBe(201);
      expect(review.body.review.reason).toBe(payload);

      const reply = await call("POST /api/v1/annotations/[id]/replies", replier, {
        params: { id: annotation.body.id },
        body: { body: payload },
      });
      expect(reply.status, reply.text).toBe(201);
      expect(reply.body.body).toBe(payload);
      expect(reply.body.author.name).toBe(payload);

      stored.push({
        payload,
        articleId: article.body.id,
        annotationId: annotation.body.id,
        authorName: payload,
      });
    },
  );

  it("the json export carries every field verbatim, as data", async () => {
    expect(stored).toHaveLength(PAYLOADS.length);
    for (const { payload, articleId } of stored) {
      const response = await call("GET /api/v1/articles/[id]/export", auth.moderator, {
        params: { id: articleId },
        query: "format=json",
      });
      expect(response.status).toBe(200);
      const body = response.body as ArticleExport;
      expect(body.article.title).toBe(payload);
      expect(body.article.byline).toBe(payload);
      const [annotation] = body.annotations;
      expect(annotation).toMatchObject({ quote: payload, note: payload });
      expect(body.article.text.slice(annotation!.start, annotation!.end)).toBe(payload);
      expect(annotation!.evidence[0]).toMatchObject({
        title: payload,
        publisher: payload,
        quote: payload,
        note: payload,
      });
      expect(annotation!.reviews[0]!.reason).toBe(payload);
      expect(annotation!.replies[0]).toMatchObject({ body: payload, author: { name: payload } });
    }
  });

  it("ndjson and w3c team exports carry them as data too", async () => {
    const ndjson = await call("GET /api/v1/teams/[team]/export", auth.moderator, {
      params: { team: team.slug },
      query: "format=ndjson",
    });
    expect(ndjson.status).toBe(200);
    const lines = ndjson.text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as ArticleExport);
    for (const { payload, articleId } of stored) {
      const line = lines.find((item) => item.article.id === articleId)!;
      expect(line.article.title).toBe(payload);
      expect(line.annotations[0]).toMatchObject({ note: payload, quote: payload });
      expect(line.annotations[0]!.replies[0]!.body).toBe(payload);
    }

    const w3c = await call("GET /api/v1/teams/[team]/export", auth.moderator, {
      params: { team: team.slug },
      query: "format=w3c",
    });
    expect(w3c.status).toBe(200);
    const items = w3c.body.first.items as Json[];
    for (const { payload, annotationId } of stored) {
      const item = items.find((candidate) => candidate.id.endsWith(annotationId));
      const comment = item.body.find((body: Json) => body.purpose === "commenting");
      const linking = item.body.find((body: Json) => body.purpose === "linking");
      const quote = item.target.selector.find((selector: Json) => selector.type === "TextQuoteSelector");
      expect(comment.value).toBe(payload);
      expect(quote.exact).toBe(payload);
      expect(linking).toMatchObject({
        "dc:title": payload,
        "proofmark:note": payload,
        "proofmark:quote": payload,
      });
      expect(item.creator.name).toBe(team.annotator.name);
    }
  });

  it("replies edited to a payload keep it verbatim; the audit log records it as data", async () => {
    const { annotationId } = stored[0]!;
    const list = await call("GET /api/v1/annotations/[id]/replies", auth.annotator, {
      params: { id: annotationId },
    });
    expect(list.status).toBe(200);
    const mine = await call("POST /api/v1/annotations/[id]/replies", auth.annotator, {
      params: { id: annotationId },
      body: { body: "plain" },
    });
    const payload = PAYLOADS[1]!;
    const edited = await call("PATCH /api/v1/annotations/[id]/replies/[replyId]", auth.annotator, {
      params: { id: annotationId, replyId: mine.body.id },
      body: { body: payload },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.body).toBe(payload);
    const note = await call("PATCH /api/v1/annotations/[id]", auth.annotator, {
      params: { id: annotationId },
      body: { note: PAYLOADS[2], version: 1 },
    });
    expect([200, 409]).toContain(note.status);
  });
});

const SCHEMA_TYPES = new Set([
  "doc",
  "paragraph",
  "heading",
  "text",
  "hardBreak",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
  "bold",
  "italic",
  "link",
]);
const SAFE_ATTRIBUTES = new Set(["level", "start", "type", "href", "target", "rel", "class", "title"]);

/** What in a stored ProseMirror document is not a schema node, mark or attribute, or is an unsafe link. */
function unsafeNodes(node: Json, found: string[] = []): string[] {
  if (!node || typeof node !== "object") return found;
  if (!SCHEMA_TYPES.has(node.type)) found.push(`node or mark ${node.type}`);
  for (const [name, value] of Object.entries(node.attrs ?? {})) {
    if (!SAFE_ATTRIBUTES.has(name)) found.push(`attribute ${name}`);
    if (name === "href" && value !== null && !/^(https?|mailto):/i.test(String(value)))
      found.push(`href ${value}`);
  }
  for (const child of [...(node.content ?? []), ...(node.marks ?? [])]) unsafeNodes(child, found);
  return found;
}

describe("article bodies in every import format", () => {
  it("text keeps payloads as text, Markdown shows raw HTML as text, HTML keeps no active content", async () => {
    for (const payload of xssPayloads()) {
      for (const format of ["text", "markdown", "html"] as const) {
        const content = `<p>Lead paragraph.</p>\n\n${payload}\n\nClosing words.`;
        const created = await call("POST /api/v1/teams/[team]/articles", auth.annotator, {
          params: { team: team.slug },
          body: { title: `Import ${format}`, format, content },
        });
        expect(created.status, created.text).toBe(201);
        const row = await db.article.findUniqueOrThrow({
          where: { id: created.body.id },
          select: { text: true, contentJson: true },
        });
        if (format === "text") expect(row.text).toContain(payload);
        // Only schema nodes and marks survive, with only the attributes the schema knows.
        for (const problem of unsafeNodes(row.contentJson)) expect.fail(`${format} ${payload}: ${problem}`);
      }
    }
  });
});

describe("URLs", () => {
  it("an article source URL or evidence URL that is not http(s) is refused; payloads in a query stay data", async () => {
    const article = stored[0]!;
    for (const url of [
      "javascript:window.__xss=1",
      " JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:x",
    ]) {
      const created = await call("POST /api/v1/teams/[team]/articles", auth.annotator, {
        params: { team: team.slug },
        body: { title: "URL test", format: "text", content: "Some text.", sourceUrl: url },
      });
      expect(created.status, url).toBe(400);
      expect(created.body.error.message).toMatch(/^sourceUrl: /);
      const evidence = await call("POST /api/v1/annotations/[id]/evidence", auth.annotator, {
        params: { id: article.annotationId },
        body: { relation: "corroborates", url },
      });
      expect(evidence.status, url).toBe(400);
      expect(evidence.body.error.message).toMatch(/^url: /);
    }
    const sourceUrl = `https://example.org/story?q=${encodeURIComponent(PAYLOADS[0]!)}`;
    const created = await call("POST /api/v1/teams/[team]/articles", auth.annotator, {
      params: { team: team.slug },
      body: { title: "URL test", format: "text", content: "Some text.", sourceUrl },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.sourceUrl).toBe(sourceUrl);
  });
});

describe("invite emails", () => {
  it("refuses non-emails with a precise 400 and stores odd but valid addresses verbatim (lower case)", async () => {
    for (const payload of PAYLOADS) {
      const answer = await call("POST /api/v1/teams/[team]/invites", auth.admin, {
        params: { team: team.slug },
        body: { role: "viewer", email: payload },
      });
      expect(answer.status, payload).toBe(400);
      expect(answer.body.error).toEqual({
        code: "invalid_input",
        message: "email: Enter a valid email address",
        requestId: expect.any(String),
      });
    }
    const odd = "o'brien+x_y--z@example.test";
    const ok = await call("POST /api/v1/teams/[team]/invites", auth.admin, {
      params: { team: team.slug },
      body: { role: "viewer", email: odd },
    });
    expect(ok.status, ok.text).toBe(201);
    const list = await call("GET /api/v1/teams/[team]/invites", auth.admin, { params: { team: team.slug } });
    expect(list.body.invites.map((invite: Json) => invite.email)).toContain(odd);
  });
});

describe("a NUL character in a server-side text input (not only JSON bodies)", () => {
  it("registration refuses it with a validation error, not a database error", async () => {
    await expect(
      registerUser({
        email: `nul-${randomBytes(3).toString("hex")}@example.test`,
        name: "a\u0000b",
        password: "long enough password",
      }),
    ).rejects.toMatchObject({ name: "ZodError", message: expect.stringMatching(/NUL character/) });
  });
});

describe("SQL metacharacters in query parameters", () => {
  it("searches, filters, sorts and cursors answer 200 or a precise 400, never 500, and change nothing", async () => {
    const counts = async () => ({
      articles: await db.article.count(),
      annotations: await db.annotation.count(),
      teams: await db.team.count(),
    });
    const before = await counts();
    const reads: Array<[string, Record<string, string>, string[]]> = [
      [
        "GET /api/v1/teams/[team]/articles",
        { team: team.slug },
        ["q", "sort", "cursor", "importedBy", "from", "to", "archived", "limit"],
      ],
      [
        "GET /api/v1/teams/[team]/annotations/search",
        { team: team.slug },
        ["q", "label", "status", "cursor"],
      ],
      [
        "GET /api/v1/teams/[team]/review-queue",
        { team: team.slug },
        ["cursor", "article", "label", "author", "sort", "status", "minAgeHours"],
      ],
      ["GET /api/v1/teams/[team]/review-queue/disagreements", { team: team.slug }, ["article"]],
      ["GET /api/v1/teams/[team]/export", { team: team.slug }, ["format", "status", "label", "since"]],
      [
        "GET /api/v1/articles/[id]/annotations",
        { id: stored[0]!.articleId },
        ["label", "status", "author", "orphaned"],
      ],
      ["GET /api/v1/notifications", {}, ["unread", "limit"]],
    ];
    const wrong: string[] = [];
    for (const [key, params, names] of reads) {
      for (const name of names) {
        for (const payload of SQL_PAYLOADS) {
          const answer = await call(key, auth.moderator, {
            params,
            query: `${name}=${encodeURIComponent(payload)}`,
          });
          const ok =
            answer.status === 200 || (answer.status === 400 && answer.body?.error?.code === "invalid_input");
          if (!ok) wrong.push(`${key} ${name}=${payload}: ${answer.status} ${answer.text.slice(0, 120)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("a search for a metacharacter payload finds the article that contains it, not every article", async () => {
    const target = stored.find((item) => item.payload.startsWith("Robert"))!;
    const answer = await call("GET /api/v1/teams/[team]/articles", auth.moderator, {
      params: { team: team.slug },
      query: `q=${encodeURIComponent("Robert")}`,
    });
    expect(answer.status).toBe(200);
    const ids = answer.body.items.map((article: Json) => article.id);
    expect(ids).toContain(target.articleId);
    expect(ids.length).toBeLessThan(stored.length);
    for (const payload of ["' OR '1'='1", "100% _match_"]) {
      const hostile = await call("GET /api/v1/teams/[team]/articles", auth.moderator, {
        params: { team: team.slug },
        query: `q=${encodeURIComponent(payload)}&limit=100`,
      });
      expect(hostile.status).toBe(200);
      expect(hostile.body.items.length, payload).toBeLessThan(stored.length);
    }
  });
});

describe("Unicode edge cases: offsets exact in every export format", () => {
  /** UTF-16 offset → code point offset, computed independently of lib/export. */
  const codePoints = (text: string, utf16: number) => Array.from(text.slice(0, utf16)).length;

  it.each(UNICODE_CASES.map((edge) => [edge.name, edge] as const))("%s", async (_name, edge) => {
    const created = await call("POST /api/v1/teams/[team]/articles", auth.annotator, {
      params: { team: team.slug },
      body: { title: edge.name, format: "text", content: edge.text },
    });
    expect(created.status, created.text).toBe(201);
    const articleId = created.body.id as string;
    const text = (await call("GET /api/v1/articles/[id]", auth.annotator, { params: { id: articleId } })).body
      .text as string;
    expect(text).toBe(edge.text.replace(/\r\n/g, "\n"));

    const expected = new Map<string, { start: number; end: number; quote: string }>();
    for (const quote of edge.marked) {
      const start = text.indexOf(quote);
      expect(start, quote).toBeGreaterThanOrEqual(0);
      const answer = await call("POST /api/v1/articles/[id]/annotations", auth.annotator, {
        params: { id: articleId },
        body: { label: "fact", start, end: start + quote.length, quote },
      });
      expect(answer.status, answer.text).toBe(201);
      expect(answer.body).toMatchObject({ start, end: start + quote.length, quote });
      expected.set(answer.body.id, { start, end: start + quote.length, quote });
    }

    // A span that starts or ends inside a surrogate pair cannot be expressed in code points (w3c)
    // nor stored as valid text: refused with a precise 400.
    const astral = [...text.matchAll(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)][0];
    if (astral) {
      const inside = astral.index! + 1;
      for (const body of [
        { label: "fact", start: inside, end: inside + 3 },
        { label: "fact", start: Math.max(0, inside - 3), end: inside },
      ]) {
        const split = await call("POST /api/v1/articles/[id]/annotations", auth.annotator, {
          params: { id: articleId },
          body,
        });
        expect(split.status, split.text).toBe(400);
        expect(split.body.error.message).toMatch(/inside a character/);
      }
    }

    const checkJson = (item: ArticleExport, format: string) => {
      expect(item.article.text, format).toBe(text);
      for (const [id, want] of expected) {
        const annotation = item.annotations.find((candidate) => candidate.id === id)!;
        expect({ start: annotation.start, end: annotation.end, quote: annotation.quote }, format).toEqual(
          want,
        );
        expect(item.article.text.slice(annotation.start, annotation.end), format).toBe(annotation.quote);
        expect(annotation.prefix + annotation.quote + annotation.suffix, format).toBe(
          text.slice(annotation.start - annotation.prefix.length, annotation.end + annotation.suffix.length),
        );
      }
    };
    const checkW3c = (items: Json[], format: string) => {
      for (const [id, want] of expected) {
        const item = items.find((candidate) => candidate.id.endsWith(`/annotations/${id}`));
        const position = item.target.selector.find(
          (selector: Json) => selector.type === "TextPositionSelector",
        );
        const quote = item.target.selector.find((selector: Json) => selector.type === "TextQuoteSelector");
        expect({ start: position.start, end: position.end }, format).toEqual({
          start: codePoints(text, want.start),
          end: codePoints(text, want.end),
        });
        expect(Array.from(text).slice(position.start, position.end).join(""), format).toBe(want.quote);
        expect(quote.exact, format).toBe(want.quote);
      }
    };

    const articleJson = await call("GET /api/v1/articles/[id]/export", auth.moderator, {
      params: { id: articleId },
      query: "format=json",
    });
    checkJson(articleJson.body, "article json");
    const articleW3c = await call("GET /api/v1/articles/[id]/export", auth.moderator, {
      params: { id: articleId },
      query: "format=w3c",
    });
    checkW3c(articleW3c.body.first.items, "article w3c");
    const teamJson = await call("GET /api/v1/teams/[team]/export", auth.moderator, {
      params: { team: team.slug },
      query: "format=json",
    });
    checkJson((teamJson.body as ArticleExport[]).find((item) => item.article.id === articleId)!, "team json");
    const teamNdjson = await call("GET /api/v1/teams/[team]/export", auth.moderator, {
      params: { team: team.slug },
      query: "format=ndjson",
    });
    const line = teamNdjson.text
      .trimEnd()
      .split("\n")
      .map((raw) => JSON.parse(raw) as ArticleExport)
      .find((item) => item.article.id === articleId)!;
    checkJson(line, "team ndjson");
    const teamW3c = await call("GET /api/v1/teams/[team]/export", auth.moderator, {
      params: { team: team.slug },
      query: "format=w3c",
    });
    checkW3c(teamW3c.body.first.items, "team w3c");
  });
});
