// Hostile HTTP input over every API route (issue 9 item 3). The routes come from the route
// inventory (read from app/api/v1), so a new route is covered without being listed here:
// - every handler that reads a JSON body refuses malformed JSON, wrong or missing content types,
//   empty bodies, non-object values, deep nesting, NUL characters and lone surrogates with a
//   precise 400/415, and writes nothing;
// - every handler refuses an overlong URL (414), a NUL in the query (400) and an overlong path
//   parameter (404, like any id that does not exist);
// - nothing answers 500.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, MAX_URL_LENGTH } from "../../lib/api/route.ts";
import { db } from "../../lib/db.ts";
import { sealSecret } from "../../lib/webhooks/secret-box.ts";
import { buildIsolationWorld, cookieFor, type IsolationWorld } from "../support/isolation-fixtures.ts";
import { type InventoriedRoute, listApiRoutes, REPO_ROOT } from "../support/route-inventory.ts";

let world: IsolationWorld;
let routes: InventoriedRoute[];
let webhookId: string;
let roundId: string;

beforeAll(async () => {
  routes = await listApiRoutes();
  world = await buildIsolationWorld();
  // A webhook endpoint of team A, for the routes under /webhooks/[id].
  const endpoint = await db.webhookEndpoint.create({
    data: {
      teamId: world.a.id,
      url: "https://hooks.example.org/hostile",
      events: ["annotation.created"],
      secretCipher: sealSecret("whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
      createdById: world.a.admin.id,
    },
  });
  webhookId = endpoint.id;
  // A blind round of team A, for the routes under /rounds/[id].
  const round = await db.round.create({
    data: {
      teamId: world.a.id,
      articleId: world.articleId,
      createdById: world.a.moderator.id,
      assignments: { create: [{ annotatorId: world.a.annotator.id }] },
    },
  });
  roundId = round.id;
}, 60_000);

/** The source of one exported method handler (up to the next export), to see whether it reads JSON. */
function handlerSource(route: InventoriedRoute): string {
  const source = readFileSync(path.join(REPO_ROOT, route.file), "utf8");
  const start = source.indexOf(`export const ${route.method} `);
  const next = source.indexOf("\nexport ", start + 1);
  return source.slice(start, next === -1 ? undefined : next);
}

const readsJson = (route: InventoriedRoute) => handlerSource(route).includes("readJson(");

// Only the author may change or delete their own annotation and reply; everything else is tried
// as the team's admin, who may call every route (so what is refused is the input, not the caller).
const AUTHOR_ONLY = new Set([
  "PATCH /api/v1/annotations/[id]",
  "DELETE /api/v1/annotations/[id]",
  "PATCH /api/v1/annotations/[id]/replies/[replyId]",
]);

function paramsFor(route: InventoriedRoute): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of route.template.matchAll(/\[([^\]]+)\]/g)) {
    if (name === "team") params.team = world.a.slug;
    else if (name === "secret") params.secret = world.inviteSecret;
    else if (name === "userId") params.userId = world.a.viewer.id;
    else if (name === "replyId") params.replyId = world.replyId;
    else if (route.template.startsWith("/api/v1/articles/")) params.id = world.articleId;
    else if (route.template.startsWith("/api/v1/annotations/")) params.id = world.annotationId;
    else if (route.template.startsWith("/api/v1/evidence/")) params.id = world.evidenceId;
    else if (route.template.includes("/invites/")) params.id = world.inviteId;
    else if (route.template.includes("/tokens/")) params.id = world.tokenId;
    else if (route.template.startsWith("/api/v1/rounds/")) params.id = roundId;
    else if (route.template.includes("/webhooks/"))
      params[name ?? "id"] = name === "id" ? webhookId : randomUUID();
    else throw new Error(`${route.key}: no parameter value for [${name}]`);
  }
  return params;
}

interface Send {
  params?: Record<string, string>;
  query?: string;
  body?: string;
  /** null sends no Content-Type at all. */
  contentType?: string | null;
}

async function send(route: InventoriedRoute, options: Send = {}) {
  const params = options.params ?? paramsFor(route);
  const user = AUTHOR_ONLY.has(route.key) ? world.a.annotator : world.a.admin;
  const headers = new Headers({ host: "localhost", cookie: await cookieFor(world, user) });
  if (options.body !== undefined && options.contentType !== null) {
    headers.set("content-type", options.contentType ?? "application/json");
  }
  const pathname = route.template.replace(/\[([^\]]+)\]/g, (_, name: string) =>
    encodeURIComponent(params[name]!),
  );
  const url = `http://localhost${pathname}${options.query ? `?${options.query}` : ""}`;
  const response = await route.handler(
    new Request(url, { method: route.method, headers, body: options.body }),
    {
      params: Promise.resolve(params),
    },
  );
  const text = await response.text();
  let error: { code?: string; message?: string } | undefined;
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error;
  } catch {
    error = undefined;
  }
  return { status: response.status, error, text };
}

/** Arrays nested `depth` deep: `[[[...]]]`. */
const nestedArrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
/** Objects nested `depth` deep under the key "a". */
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

describe("the inventory", () => {
  it("finds the JSON-reading write routes (the source check itself works)", () => {
    const jsonRoutes = routes.filter(readsJson).map((route) => route.key);
    expect(jsonRoutes).toContain("POST /api/v1/articles/[id]/annotations");
    expect(jsonRoutes).toContain("POST /api/v1/teams/[team]/import");
    expect(jsonRoutes).not.toContain("GET /api/v1/articles/[id]");
    expect(jsonRoutes.length).toBeGreaterThan(15);
  });
});

describe("every route that reads a JSON body refuses hostile bodies and writes nothing", () => {
  const BAD_BODIES: Array<[string, Send, number, RegExp]> = [
    ["malformed JSON", { body: '{"title": "x",' }, 400, /not valid JSON/],
    ["a truncated string", { body: '{"title": "x' }, 400, /not valid JSON/],
    ["JSON with a trailing comma", { body: '{"a": 1,}' }, 400, /not valid JSON/],
    ["an empty body", { body: "" }, 400, /empty/],
    ["a whitespace body", { body: " \r\n\t " }, 400, /empty/],
    ["text/plain", { body: "{}", contentType: "text/plain" }, 415, /application\/json/],
    ["a form", { body: "a=1", contentType: "application/x-www-form-urlencoded" }, 415, /application\/json/],
    [
      "multipart",
      { body: "--x--", contentType: "multipart/form-data; boundary=x" },
      415,
      /application\/json/,
    ],
    ["XML", { body: "<a/>", contentType: "application/xml" }, 415, /application\/json/],
    ["no content type", { body: "{}", contentType: null }, 415, /application\/json/],
    ["JSON null", { body: "null" }, 400, /./],
    ["a JSON string", { body: '"hello"' }, 400, /./],
    ["a JSON number", { body: "12" }, 400, /./],
    [`arrays nested ${MAX_JSON_DEPTH + 1} deep`, { body: nestedArrays(MAX_JSON_DEPTH + 1) }, 400, /nested/],
    [`objects nested ${MAX_JSON_DEPTH + 1} deep`, { body: nestedObjects(MAX_JSON_DEPTH + 1) }, 400, /nested/],
    ["a NUL character in a value", { body: '{"title": "a\\u0000b"}' }, 400, /title: contains a NUL/],
    ["a NUL character in a key", { body: '{"ti\\u0000tle": "x"}' }, 400, /NUL/],
    ["a NUL deep in an array", { body: '{"annotationIds": ["x", "\\u0000"]}' }, 400, /annotationIds\[1\]/],
    ["a lone surrogate", { body: '{"note": "\\ud800 alone"}' }, 400, /note: .*invalid Unicode/],
  ];

  const cases = () => routes.filter(readsJson);
  it.each(BAD_BODIES)("%s", async (_name, options, status, message) => {
    const auditBefore = await db.auditEvent.count();
    const wrong: string[] = [];
    for (const route of cases()) {
      const answer = await send(route, options);
      const code = status === 415 ? "unsupported_media_type" : "invalid_input";
      if (
        answer.status !== status ||
        answer.error?.code !== code ||
        !message.test(answer.error?.message ?? "")
      ) {
        wrong.push(`${route.key}: ${answer.status} ${answer.text.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await db.auditEvent.count(), "nothing was written").toBe(auditBefore);
  });

  it("arrays nested 100 000 deep: 400, or 413 where the body limit is smaller than the 200 KB", async () => {
    const wrong: string[] = [];
    for (const route of routes.filter(readsJson)) {
      const answer = await send(route, { body: nestedArrays(100_000) });
      const ok =
        (answer.status === 400 && /nested/.test(answer.error?.message ?? "")) ||
        (answer.status === 413 && answer.error?.code === "too_large");
      if (!ok) wrong.push(`${route.key}: ${answer.status} ${answer.text.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("objects nested to the limit still reach the schema (the limit does not refuse normal bodies)", async () => {
    const route = routes.find((candidate) => candidate.key === "POST /api/v1/annotations/[id]/replies")!;
    const answer = await send(route, {
      body: JSON.stringify({ body: "fine", extra: JSON.parse(nestedObjects(MAX_JSON_DEPTH - 2)) }),
    });
    // Refused by the schema (unknown key), not by the depth check.
    expect(answer.status).toBe(400);
    expect(answer.error?.message).not.toMatch(/nested/);
    const ok = await send(route, { body: JSON.stringify({ body: "fine" }) });
    expect(ok.status).toBe(201);
  });
});

describe("every route refuses hostile URLs", () => {
  it("an overlong query string → 414 on every route", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const answer = await send(route, { query: `q=${"a".repeat(MAX_URL_LENGTH)}` });
      if (answer.status !== 414 || answer.error?.code !== "uri_too_long") {
        wrong.push(`${route.key}: ${answer.status} ${answer.text.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("a NUL character or a lone surrogate in a query parameter → 400 on every route", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      for (const query of ["q=a%00b", "cursor=%00", "x%00=1", "q=%ED%A0%80"]) {
        const answer = await send(route, { query });
        // A lone surrogate cannot even be percent-decoded (it becomes U+FFFD): accepted as text.
        if (query === "q=%ED%A0%80") {
          if (answer.status >= 500) wrong.push(`${route.key} ${query}: ${answer.status}`);
          continue;
        }
        if (answer.status !== 400 || !/NUL/.test(answer.error?.message ?? "")) {
          wrong.push(`${route.key} ${query}: ${answer.status} ${answer.text.slice(0, 160)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("an overlong or hostile path parameter is simply not found (404), never a 500", async () => {
    const wrong: string[] = [];
    const values = ["x".repeat(4000), "' OR '1'='1", "../../etc/passwd", "%00", "\u202Eevil", "😀"];
    for (const route of routes.filter((candidate) => candidate.template.includes("["))) {
      for (const value of values) {
        const params = Object.fromEntries(Object.keys(paramsFor(route)).map((name) => [name, value]));
        const body = readsJson(route) ? "{}" : undefined;
        const answer = await send(route, { params, body });
        // A body route may refuse the empty object first (400); what matters is that nothing breaks
        // and no resource is found under a hostile name.
        // Three 4,000-character parameters make the URL itself too long: 414 before any lookup.
        const urlTooLong = Object.keys(params).length * value.length >= MAX_URL_LENGTH;
        if (
          answer.status !== 404 &&
          !(body && answer.status === 400) &&
          !(urlTooLong && answer.status === 414)
        ) {
          wrong.push(
            `${route.key} ${JSON.stringify(value.slice(0, 20))}: ${answer.status} ${answer.text.slice(0, 120)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("a URL just under the limit is served normally", async () => {
    const route = routes.find((candidate) => candidate.key === "GET /api/v1/teams/[team]/articles")!;
    const answer = await send(route, { query: `q=dispatch&padding=${"a".repeat(MAX_URL_LENGTH - 200)}` });
    expect(answer.status).toBe(200);
  });
});

describe("body-less writes ignore a hostile body", () => {
  it("never answer 500 to garbage", async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((candidate) => candidate.method !== "GET" && !readsJson(candidate))) {
      const answer = await send(route, { body: "\u0000\u0001garbage", contentType: "text/plain" });
      if (answer.status >= 500) wrong.push(`${route.key}: ${answer.status} ${answer.text.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  });
});
