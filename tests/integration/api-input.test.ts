import { beforeAll, describe, expect, it } from "vitest";
import { GET as healthRoute } from "../../app/api/v1/health/route.ts";
import { POST as acceptRoute } from "../../app/api/v1/invites/[secret]/accept/route.ts";
import { GET as openApiRoute } from "../../app/api/v1/openapi.json/route.ts";
import { DELETE as revokeInviteRoute } from "../../app/api/v1/teams/[team]/invites/[id]/route.ts";
import {
  POST as createInviteRoute,
  GET as listInvitesRoute,
} from "../../app/api/v1/teams/[team]/invites/route.ts";
import { POST as leaveRoute } from "../../app/api/v1/teams/[team]/leave/route.ts";
import {
  PATCH as patchRoute,
  DELETE as removeRoute,
} from "../../app/api/v1/teams/[team]/members/[userId]/route.ts";
import { GET as membersRoute } from "../../app/api/v1/teams/[team]/members/route.ts";
import { GET as teamRoute } from "../../app/api/v1/teams/[team]/route.ts";
import { DELETE as revokeTokenRoute } from "../../app/api/v1/teams/[team]/tokens/[id]/route.ts";
import {
  POST as createTokenRoute,
  GET as listTokensRoute,
} from "../../app/api/v1/teams/[team]/tokens/route.ts";
import { POST as createTeamRoute, GET as listTeamsRoute } from "../../app/api/v1/teams/route.ts";
import { db } from "../../lib/db.ts";
import { callJson, callRoute, type RouteHandler, sessionCookie, type TestAuth } from "../support/api.ts";
import { createTeamWithMembers, type TestTeam } from "../support/factories.ts";

let desk: TestTeam;
let admin: TestAuth;

beforeAll(async () => {
  desk = await createTeamWithMembers({ slug: "desk", name: "Desk" });
  admin = { cookie: await sessionCookie(desk.admin) };
});

// Every JSON write endpoint, with a valid body, so each failure below is caused by what the test changes.
const JSON_WRITES: Array<{
  name: string;
  handler: RouteHandler;
  method: string;
  params: () => Record<string, string>;
  body: unknown;
}> = [
  {
    name: "POST /teams",
    handler: createTeamRoute,
    method: "POST",
    params: () => ({}),
    body: { slug: "new-team", name: "New" },
  },
  {
    name: "PATCH /teams/{team}/members/{userId}",
    handler: patchRoute,
    method: "PATCH",
    params: () => ({ team: "desk", userId: desk.viewer.id }),
    body: { role: "viewer" },
  },
  {
    name: "POST /teams/{team}/invites",
    handler: createInviteRoute,
    method: "POST",
    params: () => ({ team: "desk" }),
    body: { role: "viewer" },
  },
  {
    name: "POST /teams/{team}/tokens",
    handler: createTokenRoute,
    method: "POST",
    params: () => ({ team: "desk" }),
    body: { name: "x", scopes: ["read"] },
  },
];

describe.each(JSON_WRITES)("$name refuses bad bodies", ({ handler, method, params, body }) => {
  it("malformed JSON → 400", async () => {
    const { status, body: error } = await callJson(handler, "/x", {
      method,
      auth: admin,
      params: params(),
      body: "{not json",
    });
    expect(status).toBe(400);
    expect(error.error).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/JSON/) });
  });

  it("wrong content type → 415", async () => {
    const { status, body: error } = await callJson(handler, "/x", {
      method,
      auth: admin,
      params: params(),
      body: JSON.stringify(body),
      headers: { "content-type": "text/plain" },
    });
    expect(status).toBe(415);
    expect(error.error.code).toBe("unsupported_media_type");
  });

  it("oversize body → 413", async () => {
    const big = { ...(body as object), padding: "x".repeat(64 * 1024) };
    const { status, body: error } = await callJson(handler, "/x", {
      method,
      auth: admin,
      params: params(),
      body: big,
    });
    expect(status).toBe(413);
    expect(error.error.code).toBe("too_large");
  });

  it("a JSON value that is not an object → 400", async () => {
    const { status } = await callJson(handler, "/x", {
      method,
      auth: admin,
      params: params(),
      body: "[1,2]",
    });
    expect(status).toBe(400);
  });

  it("a cross-site Origin on a cookie write → 403, and nothing is written", async () => {
    const before = await db.auditEvent.count();
    const { status, body: error } = await callJson(handler, "/x", {
      method,
      auth: admin,
      params: params(),
      body,
      headers: { origin: "https://evil.example" },
    });
    expect(status).toBe(403);
    expect(error.error.message).toMatch(/Cross-site/);
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("no credentials → 401", async () => {
    const { status } = await callJson(handler, "/x", { method, params: params(), body });
    expect(status).toBe(401);
  });
});

describe("cross-site and credential checks on body-less writes", () => {
  const writes: Array<[string, RouteHandler, string, () => Record<string, string>]> = [
    ["DELETE member", removeRoute, "DELETE", () => ({ team: "desk", userId: desk.viewer.id })],
    ["POST leave", leaveRoute, "POST", () => ({ team: "desk" })],
    [
      "DELETE invite",
      revokeInviteRoute,
      "DELETE",
      () => ({ team: "desk", id: "00000000-0000-4000-8000-000000000000" }),
    ],
    [
      "DELETE token",
      revokeTokenRoute,
      "DELETE",
      () => ({ team: "desk", id: "00000000-0000-4000-8000-000000000000" }),
    ],
    ["POST accept", acceptRoute, "POST", () => ({ secret: "A".repeat(43) })],
  ];
  for (const [name, handler, method, params] of writes) {
    it(`${name}: cross-site Origin → 403, Sec-Fetch-Site cross-site → 403, no credentials → 401`, async () => {
      const crossOrigin = await callRoute(handler, "/x", {
        method,
        auth: admin,
        params: params(),
        headers: { origin: "https://evil.example" },
      });
      expect(crossOrigin.status).toBe(403);
      const crossFetch = await callRoute(handler, "/x", {
        method,
        auth: admin,
        params: params(),
        headers: { "sec-fetch-site": "cross-site" },
      });
      expect(crossFetch.status).toBe(403);
      expect((await callRoute(handler, "/x", { method, params: params() })).status).toBe(401);
    });
  }

  it("a same-site Origin is accepted", async () => {
    const { status } = await callJson(patchRoute, "/x", {
      method: "PATCH",
      auth: admin,
      params: { team: "desk", userId: desk.viewer.id },
      body: { role: "viewer" },
      headers: { origin: "http://localhost" },
    });
    expect(status).toBe(200);
    expect(await db.membership.count({ where: { teamId: desk.id } })).toBe(4);
  });
});

describe("malformed ids and slugs → 404", () => {
  const cases: Array<[string, RouteHandler, string, Record<string, string>]> = [
    ["PATCH member", patchRoute, "PATCH", { team: "desk", userId: "not-a-uuid" }],
    ["DELETE member", removeRoute, "DELETE", { team: "desk", userId: "1; DROP TABLE" }],
    ["DELETE invite", revokeInviteRoute, "DELETE", { team: "desk", id: "zzz" }],
    ["DELETE token", revokeTokenRoute, "DELETE", { team: "desk", id: "00000000-0000-0000-0000" }],
    ["GET team with a bad slug", teamRoute, "GET", { team: "NOT A SLUG" }],
    ["GET members with a bad slug", membersRoute, "GET", { team: "x".repeat(500) }],
    ["GET invites with a bad slug", listInvitesRoute, "GET", { team: "%00" }],
    ["GET tokens with a bad slug", listTokensRoute, "GET", { team: "../desk" }],
    ["POST accept with a bad secret", acceptRoute, "POST", { secret: "%2e%2e" }],
  ];
  for (const [name, handler, method, params] of cases) {
    it(name, async () => {
      const { status, body } = await callJson(handler, "/x", {
        method,
        auth: admin,
        params,
        body: method === "PATCH" ? { role: "viewer" } : undefined,
      });
      expect(status).toBe(404);
      expect(body.error.code).toBe("not_found");
    });
  }
});

describe("unauthenticated reads → 401 with the error format", () => {
  const reads: Array<[string, RouteHandler, Record<string, string>]> = [
    ["GET /teams", listTeamsRoute, {}],
    ["GET /teams/{team}", teamRoute, { team: "desk" }],
    ["GET members", membersRoute, { team: "desk" }],
    ["GET invites", listInvitesRoute, { team: "desk" }],
    ["GET tokens", listTokensRoute, { team: "desk" }],
  ];
  for (const [name, handler, params] of reads) {
    it(name, async () => {
      const { status, body } = await callJson(handler, "/x", { params });
      expect(status).toBe(401);
      expect(body).toEqual({
        error: { code: "unauthenticated", message: expect.any(String), requestId: expect.any(String) },
      });
    });
  }
});

describe("public system endpoints", () => {
  it("GET /health answers ok when the database answers", async () => {
    const { status, body } = await callJson(healthRoute as RouteHandler, "/api/v1/health");
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
  });

  it("GET /health answers 503 when the database does not", async () => {
    const url = process.env.DATABASE_URL;
    const { disconnectDb } = await import("../../lib/db.ts");
    await disconnectDb();
    process.env.DATABASE_URL = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=1";
    try {
      const { status, body } = await callJson(healthRoute as RouteHandler, "/api/v1/health");
      expect(status).toBe(503);
      expect(body.status).toBe("unavailable");
    } finally {
      await disconnectDb();
      process.env.DATABASE_URL = url;
    }
    expect((await callJson(healthRoute as RouteHandler, "/api/v1/health")).status).toBe(200);
  });

  it("GET /openapi.json serves the OpenAPI 3.1 document without credentials", async () => {
    const { status, body } = await callJson(openApiRoute as RouteHandler, "/api/v1/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(body.paths["/api/v1/teams/{team}/tokens"].post).toBeDefined();
  });
});
