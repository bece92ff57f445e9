// Over 400 lines: every token rule (scopes, expiry, revocation, other teams, secrets never logged) against the real routes, one world set up once.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as membersRoute } from "../../app/api/v1/teams/[team]/members/route.ts";
import { DELETE as revokeTokenRoute } from "../../app/api/v1/teams/[team]/tokens/[id]/route.ts";
import {
  POST as createTokenRoute,
  GET as listTokensRoute,
} from "../../app/api/v1/teams/[team]/tokens/route.ts";
import { GET as listTeamsRoute } from "../../app/api/v1/teams/route.ts";
import { db } from "../../lib/db.ts";
import type { Role } from "../../lib/generated/prisma/enums.ts";
import { hashSecret } from "../../lib/tokens/token-secret.ts";
import { callJson, SessionCookies, type TestAuth } from "../support/api.ts";
import {
  createApiToken,
  createDeskAndRival,
  createTeamWithMembers,
  memberOf,
  TEAM_ROLES,
  type TestTeam,
} from "../support/factories.ts";
import { startObservedServer } from "../support/observed-server.ts";

let desk: TestTeam;
let rival: TestTeam;
const sessions = new SessionCookies();

async function mint(auth: TestAuth, team: string, body: unknown) {
  return callJson(createTokenRoute, `/api/v1/teams/${team}/tokens`, {
    method: "POST",
    auth,
    params: { team },
    body,
  });
}

beforeAll(async () => {
  ({ desk, rival } = await createDeskAndRival());
  await sessions.add([...desk.members, ...rival.members]);
});

describe("creating a token", () => {
  it("returns the secret once (201), stores only its hash, and records the event", async () => {
    const { status, body } = await mint(sessions.as(desk.admin), "desk", {
      name: "Data desk script",
      scopes: ["read", "export"],
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      name: "Data desk script",
      scopes: ["read", "export"],
      createdBy: { id: desk.admin.id },
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(body.secret).toMatch(/^pm_[A-Za-z0-9_-]{43}$/);
    expect(body.prefix).toBe(`${body.secret.slice(0, 7)}…`);

    const row = await db.apiToken.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.tokenHash).toBe(hashSecret(body.secret));
    // The secret itself is nowhere in the database: not in the token row, not in the audit log.
    const rows = JSON.stringify(await db.apiToken.findMany());
    const audit = JSON.stringify(await db.auditEvent.findMany({ select: { before: true, after: true } }));
    expect(rows).not.toContain(body.secret);
    expect(audit).not.toContain(body.secret);
    expect(audit).not.toContain(row.tokenHash);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: body.id } });
    expect(event).toMatchObject({ action: "token.create", actorId: desk.admin.id, teamId: desk.id });

    const listed = await callJson(listTokensRoute, "/x", {
      auth: sessions.as(desk.admin),
      params: { team: "desk" },
    });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(body.secret);
    expect(listed.body.tokens[0]).not.toHaveProperty("secret");
    expect(listed.body.tokens[0]).not.toHaveProperty("tokenHash");
  });

  it("sets an expiry when asked", async () => {
    const { body } = await mint(sessions.as(desk.admin), "desk", {
      name: "Short",
      scopes: ["read"],
      expiresInDays: 7,
    });
    const days = (new Date(body.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
  });

  for (const role of ["MODERATOR", "ANNOTATOR", "VIEWER"] as Role[]) {
    it(`refuses a ${role.toLowerCase()} (403) to create or list tokens`, async () => {
      const auth = sessions.as(memberOf(desk, role));
      expect((await mint(auth, "desk", { name: "x", scopes: ["read"] })).status).toBe(403);
      expect((await callJson(listTokensRoute, "/x", { auth, params: { team: "desk" } })).status).toBe(403);
    });
  }

  for (const role of TEAM_ROLES) {
    it(`answers a ${role.toLowerCase()} of another team 404`, async () => {
      const auth = sessions.as(memberOf(rival, role));
      expect((await mint(auth, "desk", { name: "x", scopes: ["read"] })).status).toBe(404);
      const listed = await callJson(listTokensRoute, "/x", { auth, params: { team: "desk" } });
      expect(listed.status).toBe(404);
    });
  }

  it("refuses a token minting tokens, even an admin's with every scope (403)", async () => {
    const token = await createApiToken({
      teamId: desk.id,
      createdById: desk.admin.id,
      scopes: ["READ", "ANNOTATE", "REVIEW", "EXPORT"],
    });
    const before = await db.apiToken.count();
    const { status, body } = await mint({ bearer: token.secret }, "desk", {
      name: "child",
      scopes: ["read"],
    });
    expect(status).toBe(403);
    expect(body.error.message).toMatch(/tokens/i);
    expect(await db.apiToken.count()).toBe(before);
    const list = await callJson(listTokensRoute, "/x", {
      auth: { bearer: token.secret },
      params: { team: "desk" },
    });
    expect(list.status).toBe(403);
  });

  it.each([
    ["no name", { scopes: ["read"] }],
    ["an empty name", { name: "", scopes: ["read"] }],
    ["a name over 100 characters", { name: "x".repeat(101), scopes: ["read"] }],
    ["no scopes", { name: "x", scopes: [] }],
    ["an unknown scope", { name: "x", scopes: ["admin"] }],
    ["an upper-case scope", { name: "x", scopes: ["READ"] }],
    ["a zero expiry", { name: "x", scopes: ["read"], expiresInDays: 0 }],
  ])("refuses %s (400)", async (_why, input) => {
    const { status, body } = await mint(sessions.as(desk.admin), "desk", input);
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_input");
  });
});

describe("using a token", () => {
  it("acts within its scopes, refuses outside them (403), and records when it was last used", async () => {
    const created = await mint(sessions.as(desk.admin), "desk", { name: "Exporter", scopes: ["export"] });
    const auth = { bearer: created.body.secret as string };
    // /members needs `read`, which this token lacks.
    const refused = await callJson(membersRoute, "/x", { auth, params: { team: "desk" } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/scopes/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(Date.now() - row.lastUsedAt!.getTime()).toBeLessThan(60_000);
  });

  it("writes its last-used time at most once a minute, and again once that minute has passed", async () => {
    const reader = await createApiToken({ teamId: desk.id, createdById: desk.admin.id, scopes: ["READ"] });
    const use = async () => {
      const { status } = await callJson(membersRoute, "/x", {
        auth: { bearer: reader.secret },
        params: { team: "desk" },
      });
      expect(status).toBe(200);
      return (await db.apiToken.findUniqueOrThrow({ where: { id: reader.id } })).lastUsedAt;
    };
    const first = await use();
    expect(first).not.toBeNull();
    // Within the minute: the request is served, the row is not written again.
    const recent = new Date(Date.now() - 30_000);
    await db.apiToken.update({ where: { id: reader.id }, data: { lastUsedAt: recent } });
    expect((await use())?.getTime()).toBe(recent.getTime());
    // Older than a minute: the use is recorded.
    const stale = new Date(Date.now() - 120_000);
    await db.apiToken.update({ where: { id: reader.id }, data: { lastUsedAt: stale } });
    expect((await use())!.getTime()).toBeGreaterThan(stale.getTime() + 60_000);
  });

  it("is capped by its creator's membership: when the creator leaves the team, the token sees nothing (404)", async () => {
    const reader = await createApiToken({
      teamId: desk.id,
      createdById: desk.moderator.id,
      scopes: ["READ"],
    });
    expect(
      (await callJson(membersRoute, "/x", { auth: { bearer: reader.secret }, params: { team: "desk" } }))
        .status,
    ).toBe(200);
    // A creator who leaves the team takes the token's access with them.
    await db.membership.delete({ where: { teamId_userId: { teamId: desk.id, userId: desk.moderator.id } } });
    const gone = await callJson(membersRoute, "/x", {
      auth: { bearer: reader.secret },
      params: { team: "desk" },
    });
    expect(gone.status).toBe(404);
    await db.membership.create({ data: { teamId: desk.id, userId: desk.moderator.id, role: "MODERATOR" } });
  });

  it("answers 401 once the token has expired, and once its creator is disabled", async () => {
    const team = await createTeamWithMembers();
    const use = async (bearer: string) =>
      (await callJson(listTeamsRoute, "/api/v1/teams", { auth: { bearer } })).status;
    const expiring = await createApiToken({
      teamId: team.id,
      createdById: team.admin.id,
      scopes: ["READ"],
      expiresAt: new Date(Date.now() + 3600_000),
    });
    expect(await use(expiring.secret)).toBe(200);
    await db.apiToken.update({
      where: { id: expiring.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await use(expiring.secret)).toBe(401);

    const lasting = await createApiToken({
      teamId: team.id,
      createdById: team.moderator.id,
      scopes: ["READ"],
    });
    expect(await use(lasting.secret)).toBe(200);
    await db.user.update({ where: { id: team.moderator.id }, data: { disabledAt: new Date() } });
    expect(await use(lasting.secret)).toBe(401);
  });

  it("answers 401 for an unknown or malformed token, without falling back to the cookie", async () => {
    for (const bearer of ["pm_notarealtoken", "garbage"]) {
      const { status, body } = await callJson(listTeamsRoute, "/api/v1/teams", { auth: { bearer } });
      expect(status).toBe(401);
      expect(body.error.code).toBe("unauthenticated");
    }
  });
});

describe("revoking a token", () => {
  it("stops it at once (401 afterwards) and records the event", async () => {
    const created = await mint(sessions.as(desk.admin), "desk", { name: "To revoke", scopes: ["read"] });
    const auth = { bearer: created.body.secret as string };
    expect((await callJson(membersRoute, "/x", { auth, params: { team: "desk" } })).status).toBe(200);

    const revoked = await callJson(revokeTokenRoute, "/x", {
      method: "DELETE",
      auth: sessions.as(desk.admin),
      params: { team: "desk", id: created.body.id },
    });
    expect(revoked.status).toBe(204);
    const after = await callJson(membersRoute, "/x", { auth, params: { team: "desk" } });
    expect(after.status).toBe(401);
    expect(
      await db.auditEvent.count({
        where: { entityId: created.body.id, action: "token.revoke", actorId: desk.admin.id },
      }),
    ).toBe(1);

    const listed = await callJson(listTokensRoute, "/x", {
      auth: sessions.as(desk.admin),
      params: { team: "desk" },
    });
    const entry = listed.body.tokens.find((token: { id: string }) => token.id === created.body.id);
    expect(entry.revokedAt).not.toBeNull();

    // Revoking again is harmless and writes no second event.
    const again = await callJson(revokeTokenRoute, "/x", {
      method: "DELETE",
      auth: sessions.as(desk.admin),
      params: { team: "desk", id: created.body.id },
    });
    expect(again.status).toBe(204);
    expect(await db.auditEvent.count({ where: { entityId: created.body.id, action: "token.revoke" } })).toBe(
      1,
    );
  });

  it("answers 404 for a token of another team, even to an admin of this team", async () => {
    const rivalToken = await createApiToken({
      teamId: rival.id,
      createdById: rival.admin.id,
      scopes: ["READ"],
    });
    const { status } = await callJson(revokeTokenRoute, "/x", {
      method: "DELETE",
      auth: sessions.as(desk.admin),
      params: { team: "desk", id: rivalToken.id },
    });
    expect(status).toBe(404);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: rivalToken.id } })).revokedAt).toBeNull();
    // ...and through the rival's slug, desk's admin is not a member: 404 too.
    const viaSlug = await callJson(revokeTokenRoute, "/x", {
      method: "DELETE",
      auth: sessions.as(desk.admin),
      params: { team: "rival", id: rivalToken.id },
    });
    expect(viaSlug.status).toBe(404);
  });

  it("refuses non-admins (403) and answers 404 for a malformed id", async () => {
    const token = await createApiToken({ teamId: desk.id, createdById: desk.admin.id, scopes: ["READ"] });
    for (const role of ["MODERATOR", "ANNOTATOR", "VIEWER"] as Role[]) {
      const { status } = await callJson(revokeTokenRoute, "/x", {
        method: "DELETE",
        auth: sessions.as(memberOf(desk, role)),
        params: { team: "desk", id: token.id },
      });
      expect(status).toBe(403);
    }
    const malformed = await callJson(revokeTokenRoute, "/x", {
      method: "DELETE",
      auth: sessions.as(desk.admin),
      params: { team: "desk", id: "not-a-uuid" },
    });
    expect(malformed.status).toBe(404);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
  });
});

describe("token secrets in logs", () => {
  it("never writes a secret to the console or to stdout/stderr, on success, refusal, error or revocation", async () => {
    const captured: string[] = [];
    const record = (...args: unknown[]) => {
      captured.push(
        args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join(" "),
      );
      captured.push(
        JSON.stringify(args, (_key, value) => (typeof value === "bigint" ? String(value) : value)),
      );
    };
    const spies = [
      ...(["log", "info", "warn", "error", "debug", "trace"] as const).map((method) =>
        vi.spyOn(console, method).mockImplementation(record),
      ),
      vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
        captured.push(String(chunk));
        return true;
      }),
      vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
        captured.push(String(chunk));
        return true;
      }),
    ];
    let secret = "";
    try {
      const created = await mint(sessions.as(desk.admin), "desk", { name: "Logged?", scopes: ["export"] });
      expect(created.status).toBe(201);
      secret = created.body.secret;
      const auth = { bearer: secret };
      // Refused for scope (403), unknown team (404), a malformed variant (401), then revoked (401).
      expect((await callJson(membersRoute, "/x", { auth, params: { team: "desk" } })).status).toBe(403);
      expect((await callJson(membersRoute, "/x", { auth, params: { team: "rival" } })).status).toBe(404);
      const mangled = { bearer: `${secret}x` };
      expect((await callJson(listTeamsRoute, "/api/v1/teams", { auth: mangled })).status).toBe(401);
      await callJson(revokeTokenRoute, "/x", {
        method: "DELETE",
        auth: sessions.as(desk.admin),
        params: { team: "desk", id: created.body.id },
      });
      expect((await callJson(membersRoute, "/x", { auth, params: { team: "desk" } })).status).toBe(401);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(secret).toMatch(/^pm_/);
    const output = captured.join("\n");
    // The secret without its public prefix must not appear either (a log that strips "pm_").
    expect(output).not.toContain(secret.slice(3));
  });
  it("never writes a token, a session cookie or an invite secret to the request log; the request id joins log, response and audit event", async () => {
    const server = await startObservedServer([
      {
        method: "POST",
        pattern: /^\/api\/v1\/teams\/([^/]+)\/tokens$/,
        params: ["team"],
        handler: createTokenRoute,
      },
      {
        method: "GET",
        pattern: /^\/api\/v1\/teams\/([^/]+)\/members$/,
        params: ["team"],
        handler: membersRoute,
      },
    ]);
    try {
      const cookie = sessions.cookie(desk.admin);
      const minted = await fetch(`${server.url}/api/v1/teams/desk/tokens`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", "x-request-id": "ci-mint-000001" },
        body: JSON.stringify({ name: "Logged over HTTP?", scopes: ["read"] }),
      });
      expect(minted.status).toBe(201);
      expect(minted.headers.get("x-request-id")).toBe("ci-mint-000001");
      const { id, secret } = (await minted.json()) as { id: string; secret: string };
      const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "token.create" } });
      expect(event.requestId).toBe("ci-mint-000001");

      // The secret as a bearer token, in a query string and in an invite link; a refused request's
      // error carries the id the server chose (the forged one has spaces and markup, so it is replaced).
      const listed = await fetch(`${server.url}/api/v1/teams/desk/members?token=${secret}`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(listed.status).toBe(200);
      const refused = await fetch(`${server.url}/api/v1/teams/rival/members`, {
        headers: { authorization: `Bearer ${secret}`, "x-request-id": "forged id with spaces <script>" },
      });
      expect(refused.status).toBe(404);
      const refusedId = refused.headers.get("x-request-id");
      expect(refusedId).toMatch(/^[0-9a-f-]{36}$/);
      expect(((await refused.json()) as { error: { requestId: string } }).error.requestId).toBe(refusedId);
      await fetch(`${server.url}/invite/${secret.slice(3)}?secret=${secret}`, { headers: { cookie } });

      const output = server.lines.join("");
      const entries = server.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries.map((entry) => entry.requestId)).toEqual(
        expect.arrayContaining(["ci-mint-000001", refusedId]),
      );
      expect(entries.length).toBe(4);
      expect(output).not.toContain(secret.slice(3));
      expect(output).not.toContain(cookie.split("=")[1]?.slice(0, 40));
      expect(output).toContain("/invite/[redacted]?secret=[redacted]");
    } finally {
      await server.close();
    }
  });
});
