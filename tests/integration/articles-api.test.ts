import { beforeAll, describe, expect, it } from "vitest";
import { GET as getArticleRoute } from "../../app/api/v1/articles/[id]/route.ts";
import { POST as createRoute, GET as listRoute } from "../../app/api/v1/teams/[team]/articles/route.ts";
import { db } from "../../lib/db.ts";
import type { Role, TokenScope } from "../../lib/generated/prisma/enums.ts";
import { generateTokenSecret, hashSecret } from "../../lib/tokens/token-secret.ts";
import { DEMO_TEXT as demoBody, DEMO_TITLE as demoTitle } from "../support/demo-text.ts";

async function member(teamId: string, role: Role, scopes: TokenScope[]): Promise<string> {
  const user = await db.user.create({
    data: {
      email: `${role.toLowerCase()}-${Math.random().toString(36).slice(2)}@example.test`,
      name: `${role} person`,
    },
  });
  await db.membership.create({ data: { teamId, userId: user.id, role } });
  const secret = generateTokenSecret();
  await db.apiToken.create({
    data: {
      teamId,
      createdById: user.id,
      name: "test",
      prefix: secret.slice(0, 8),
      tokenHash: hashSecret(secret),
      scopes,
    },
  });
  return secret;
}

function call(
  handler: (req: Request, ctx: unknown) => Promise<Response>,
  path: string,
  token: string,
  params: Record<string, string>,
  init: RequestInit = {},
) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  return handler(new Request(`http://localhost${path}`, { ...init, headers }), {
    params: Promise.resolve(params),
  });
}

function post(token: string, team: string, body: unknown, headers: Record<string, string> = {}) {
  return call(
    createRoute,
    `/api/v1/teams/${team}/articles`,
    token,
    { team },
    {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    },
  );
}

let annotator: string;
let viewer: string;
let adminReadOnly: string;
let outsider: string;
let articleId: string;

beforeAll(async () => {
  const team = await db.team.create({ data: { slug: "desk", name: "Desk" } });
  const other = await db.team.create({ data: { slug: "rival", name: "Rival" } });
  annotator = await member(team.id, "ANNOTATOR", ["READ", "ANNOTATE"]);
  viewer = await member(team.id, "VIEWER", ["READ", "ANNOTATE", "EXPORT"]);
  adminReadOnly = await member(team.id, "ADMIN", ["READ"]);
  outsider = await member(other.id, "ADMIN", ["READ", "ANNOTATE", "REVIEW", "EXPORT"]);
  // The rival team has an article about the same subject, which must never show up for the desk.
  const rivalResponse = await post(outsider, "rival", {
    title: "Rival airstrikes story",
    format: "text",
    content: "Airstrikes rival text.",
  });
  expect(rivalResponse.status).toBe(201);
});

describe("importing and reading articles", () => {
  it("imports the demo article as text and returns the same text paragraph for paragraph", async () => {
    const response = await post(annotator, "desk", {
      title: demoTitle,
      byline: "Staff",
      sourceUrl: "https://example.org/story",
      publishedAt: "2019-10-30",
      language: "en",
      format: "text",
      content: demoBody,
    });
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toMatchObject({
      title: demoTitle,
      team: "desk",
      format: "text",
      sourceUrl: "https://example.org/story",
    });
    articleId = created.id;

    const read = await call(getArticleRoute, `/api/v1/articles/${articleId}`, viewer, { id: articleId });
    expect(read.status).toBe(200);
    const article = await read.json();
    expect(article.text).toBe(demoBody);
    expect(article.text.split("\n\n")).toEqual(demoBody.split("\n\n"));

    const audit = await db.auditEvent.findMany({ where: { entityId: articleId } });
    expect(audit.map((event) => event.action)).toEqual(["article.create"]);
  });

  it("finds the article by full-text search with the match marked, and only in its own team", async () => {
    const response = await call(listRoute, "/api/v1/teams/desk/articles?q=airstrikes", viewer, {
      team: "desk",
    });
    expect(response.status).toBe(200);
    const { items } = await response.json();
    expect(items.map((item: { id: string }) => item.id)).toEqual([articleId]);
    const marked = items[0].snippet.filter((segment: { match: boolean }) => segment.match);
    expect(marked.length).toBeGreaterThan(0);
    expect(marked[0].text.toLowerCase()).toContain("airstrike");

    const rival = await call(listRoute, "/api/v1/teams/rival/articles?q=airstrikes", outsider, {
      team: "rival",
    });
    const rivalItems = (await rival.json()).items as { id: string }[];
    expect(rivalItems.map((item) => item.id)).not.toContain(articleId);
    expect(rivalItems).toHaveLength(1);
  });

  it("hides another team's article and team behind 404", async () => {
    const read = await call(getArticleRoute, `/api/v1/articles/${articleId}`, outsider, { id: articleId });
    expect(read.status).toBe(404);
    expect(JSON.stringify(await read.json())).not.toContain(demoTitle);
    const list = await call(listRoute, "/api/v1/teams/desk/articles", outsider, { team: "desk" });
    expect(list.status).toBe(404);
    const create = await post(outsider, "desk", { title: "x", format: "text", content: "y" });
    expect(create.status).toBe(404);
  });

  it("refuses imports by viewers and by tokens without the annotate scope", async () => {
    const byViewer = await post(viewer, "desk", { title: "x", format: "text", content: "y" });
    expect(byViewer.status).toBe(403);
    const byReadToken = await post(adminReadOnly, "desk", { title: "x", format: "text", content: "y" });
    expect(byReadToken.status).toBe(403);
    expect((await byReadToken.json()).error.message).toMatch(/scope/);
  });

  it("paginates with a cursor", async () => {
    for (const n of [1, 2]) {
      expect(
        (await post(annotator, "desk", { title: `Extra ${n}`, format: "text", content: `Body ${n}` })).status,
      ).toBe(201);
    }
    const first = await (
      await call(listRoute, "/api/v1/teams/desk/articles?limit=2", viewer, { team: "desk" })
    ).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (
      await call(listRoute, `/api/v1/teams/desk/articles?limit=2&cursor=${first.nextCursor}`, viewer, {
        team: "desk",
      })
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((item: { id: string }) => item.id);
    expect(new Set(ids).size).toBe(3);
    const bad = await call(listRoute, "/api/v1/teams/desk/articles?cursor=nonsense", viewer, {
      team: "desk",
    });
    expect(bad.status).toBe(400);
  });

  it("answers bad input with a precise error and stores nothing", async () => {
    const before = await db.article.count();
    const cases: [unknown, number, RegExp][] = [
      [{ format: "text", content: "x" }, 400, /title/],
      [
        { title: "t", format: "text", content: "x", sourceUrl: "javascript:alert(1)" },
        400,
        /sourceUrl: must be an http or https URL/,
      ],
      [{ title: "t", format: "text", content: "x", sourceUrl: "data:text/html,<script>" }, 400, /sourceUrl/],
      [{ title: "t", format: "text", content: " \n\n " }, 400, /empty/],
      [{ title: "t", format: "docx", content: "x" }, 400, /format/],
      [{ title: "t", format: "pdf", content: "not base64!" }, 400, /base64/],
      [{ title: "t", format: "url" }, 400, /url/],
      [{ title: "t", format: "text", content: "x", publishedAt: "yesterday" }, 400, /publishedAt/],
      [{ title: "t", format: "text", content: "a".repeat(2 * 1024 * 1024 + 10) }, 413, /2 MB/],
      ["{not json", 400, /not valid JSON/],
    ];
    for (const [body, status, message] of cases) {
      const response = await post(annotator, "desk", body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect((await response.json()).error.message).toMatch(message);
    }
    const wrongType = await post(annotator, "desk", "title=x", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(wrongType.status).toBe(415);
    const malformedId = await call(getArticleRoute, "/api/v1/articles/not-a-uuid", viewer, {
      id: "not-a-uuid",
    });
    expect(malformedId.status).toBe(404);
    expect(await db.article.count()).toBe(before);
  });

  it("refuses unknown and revoked tokens with 401", async () => {
    const unknown = await call(listRoute, "/api/v1/teams/desk/articles", "pm_nope", { team: "desk" });
    expect(unknown.status).toBe(401);
    await db.apiToken.updateMany({
      where: { tokenHash: hashSecret(viewer) },
      data: { revokedAt: new Date() },
    });
    const revoked = await call(listRoute, "/api/v1/teams/desk/articles", viewer, { team: "desk" });
    expect(revoked.status).toBe(401);
  });
});
