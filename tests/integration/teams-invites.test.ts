import { beforeAll, describe, expect, it } from "vitest";
import { POST as acceptRoute } from "../../app/api/v1/invites/[secret]/accept/route.ts";
import { DELETE as revokeInviteRoute } from "../../app/api/v1/teams/[team]/invites/[id]/route.ts";
import {
  POST as createInviteRoute,
  GET as listInvitesRoute,
} from "../../app/api/v1/teams/[team]/invites/route.ts";
import { db } from "../../lib/db.ts";
import type { Role } from "../../lib/generated/prisma/enums.ts";
import { hashSecret } from "../../lib/tokens/token-secret.ts";
import { callJson, SessionCookies, type TestAuth } from "../support/api.ts";
import {
  createApiToken,
  createDeskAndRival,
  createUser,
  memberOf,
  TEAM_ROLES,
  type TestTeam,
  type TestUser,
} from "../support/factories.ts";

let desk: TestTeam;
let rival: TestTeam;
const sessions = new SessionCookies();

async function as(user: TestUser): Promise<TestAuth> {
  await sessions.add([user]);
  return sessions.as(user);
}

async function invite(body: unknown, team = "desk", user?: TestUser) {
  return callJson(createInviteRoute, `/api/v1/teams/${team}/invites`, {
    method: "POST",
    auth: await as(user ?? desk.admin),
    params: { team },
    body,
  });
}

async function accept(secret: string, user: TestUser) {
  return callJson(acceptRoute, `/api/v1/invites/${secret}/accept`, {
    method: "POST",
    auth: await as(user),
    params: { secret },
  });
}

beforeAll(async () => {
  ({ desk, rival } = await createDeskAndRival());
});

describe("creating and accepting an invite", () => {
  it("returns the link secret once, stores only its hash, and admits a newcomer with the invite's role", async () => {
    const created = await invite({ role: "moderator" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      role: "moderator",
      status: "pending",
      email: null,
      createdBy: { id: desk.admin.id },
    });
    expect(created.body.path).toBe(`/invite/${created.body.secret}`);
    const hours = (new Date(created.body.expiresAt).getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(167.9);
    expect(hours).toBeLessThanOrEqual(168);
    const row = await db.invite.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.tokenHash).toBe(hashSecret(created.body.secret));
    expect(JSON.stringify(await db.invite.findMany())).not.toContain(created.body.secret);

    const listed = await callJson(listInvitesRoute, "/x", {
      auth: await as(desk.admin),
      params: { team: "desk" },
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);

    const newcomer = await createUser();
    const accepted = await accept(created.body.secret, newcomer);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ alreadyMember: false, team: { slug: "desk", role: "moderator" } });
    expect((await db.membership.findFirst({ where: { teamId: desk.id, userId: newcomer.id } }))?.role).toBe(
      "MODERATOR",
    );
    const actions = (
      await db.auditEvent.findMany({ where: { teamId: desk.id }, orderBy: { id: "asc" } })
    ).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["invite.create", "invite.accept"]));
    expect(
      JSON.stringify(await db.auditEvent.findMany({ select: { before: true, after: true } })),
    ).not.toContain(created.body.secret);

    // One link admits one person: a second person gets a clear "already used".
    const late = await createUser();
    const reused = await accept(created.body.secret, late);
    expect(reused.status).toBe(404);
    expect(reused.body.error.message).toMatch(/already been used/);
    expect(await db.membership.count({ where: { teamId: desk.id, userId: late.id } })).toBe(0);
  });

  it("admits exactly one of several people using one link at the same moment", async () => {
    const created = await invite({ role: "annotator" });
    const people = await Promise.all(Array.from({ length: 6 }, () => createUser()));
    const results = await Promise.all(people.map((person) => accept(created.body.secret, person)));
    expect(results.map((result) => result.status).sort()).toEqual([201, 404, 404, 404, 404, 404]);
    expect(
      await db.membership.count({ where: { teamId: desk.id, userId: { in: people.map((p) => p.id) } } }),
    ).toBe(1);
  });

  it("does not duplicate a member who accepts an invite to a team they are already in", async () => {
    const created = await invite({ role: "admin" });
    const accepted = await accept(created.body.secret, desk.viewer);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ alreadyMember: true, team: { role: "viewer" } });
    expect(await db.membership.count({ where: { teamId: desk.id, userId: desk.viewer.id } })).toBe(1);
    expect((await db.invite.findUniqueOrThrow({ where: { id: created.body.id } })).acceptedAt).toBeNull();
  });

  it("refuses an expired invite with a clear message", async () => {
    const created = await invite({ role: "viewer", expiresInHours: 1 });
    await db.invite.update({
      where: { id: created.body.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const late = await createUser();
    const { status, body } = await accept(created.body.secret, late);
    expect(status).toBe(404);
    expect(body.error.message).toMatch(/expired/);
    expect(await db.membership.count({ where: { userId: late.id } })).toBe(0);
  });

  it("refuses an unknown or malformed link (404)", async () => {
    const someone = await createUser();
    for (const secret of ["A".repeat(43), "short", "../../etc"]) {
      const { status } = await accept(secret, someone);
      expect(status).toBe(404);
    }
  });

  it("admits only the address an invite names", async () => {
    const named = await createUser({ email: "Reporter@Example.test" });
    const created = await invite({ role: "annotator", email: "reporter@example.test" });
    const other = await createUser();
    const refused = await accept(created.body.secret, other);
    expect(refused.status).toBe(403);
    const accepted = await accept(created.body.secret, named);
    expect(accepted.status).toBe(201);
  });

  it("refuses an API token accepting an invite (403)", async () => {
    const created = await invite({ role: "viewer" });
    const token = await createApiToken({ teamId: rival.id, createdById: rival.admin.id, scopes: ["READ"] });
    const { status } = await callJson(acceptRoute, "/x", {
      method: "POST",
      auth: { bearer: token.secret },
      params: { secret: created.body.secret },
    });
    expect(status).toBe(403);
  });

  it("asks a signed-out caller to sign in (401)", async () => {
    const created = await invite({ role: "viewer" });
    const { status } = await callJson(acceptRoute, "/x", {
      method: "POST",
      params: { secret: created.body.secret },
    });
    expect(status).toBe(401);
  });

  it.each([
    ["an unknown role", { role: "owner" }],
    ["an upper-case role", { role: "ADMIN" }],
    ["no role", {}],
    ["an expiry of 0 hours", { role: "viewer", expiresInHours: 0 }],
    ["an expiry over 720 hours", { role: "viewer", expiresInHours: 721 }],
    ["a fractional expiry", { role: "viewer", expiresInHours: 1.5 }],
    ["a malformed email", { role: "viewer", email: "not-an-email" }],
  ])("refuses %s (400)", async (_why, body) => {
    const response = await invite(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_input");
  });
});

describe("who may manage invites", () => {
  for (const role of ["MODERATOR", "ANNOTATOR", "VIEWER"] as Role[]) {
    it(`refuses a ${role.toLowerCase()} (403)`, async () => {
      const user = memberOf(desk, role);
      expect((await invite({ role: "viewer" }, "desk", user)).status).toBe(403);
      const listed = await callJson(listInvitesRoute, "/x", {
        auth: await as(user),
        params: { team: "desk" },
      });
      expect(listed.status).toBe(403);
    });
  }

  for (const role of TEAM_ROLES) {
    it(`answers a ${role.toLowerCase()} of another team 404`, async () => {
      const user = memberOf(rival, role);
      expect((await invite({ role: "admin" }, "desk", user)).status).toBe(404);
      const listed = await callJson(listInvitesRoute, "/x", {
        auth: await as(user),
        params: { team: "desk" },
      });
      expect(listed.status).toBe(404);
    });
  }
});

describe("revoking an invite", () => {
  it("stops the link, records it, and is harmless twice", async () => {
    const created = await invite({ role: "viewer" });
    const params = { team: "desk", id: created.body.id };
    const revoked = await callJson(revokeInviteRoute, "/x", {
      method: "DELETE",
      auth: await as(desk.admin),
      params,
    });
    expect(revoked.status).toBe(204);
    const someone = await createUser();
    const refused = await accept(created.body.secret, someone);
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toMatch(/revoked/);
    const listed = await callJson(listInvitesRoute, "/x", {
      auth: await as(desk.admin),
      params: { team: "desk" },
    });
    expect(listed.body.invites.find((entry: { id: string }) => entry.id === created.body.id).status).toBe(
      "revoked",
    );
    expect(await db.auditEvent.count({ where: { entityId: created.body.id, action: "invite.revoke" } })).toBe(
      1,
    );
    const again = await callJson(revokeInviteRoute, "/x", {
      method: "DELETE",
      auth: await as(desk.admin),
      params,
    });
    expect(again.status).toBe(204);
    expect(await db.auditEvent.count({ where: { entityId: created.body.id, action: "invite.revoke" } })).toBe(
      1,
    );
  });

  it("refuses a used invite (409), non-admins (403), other teams (404) and malformed ids (404)", async () => {
    const created = await invite({ role: "viewer" });
    await accept(created.body.secret, await createUser());
    const params = { team: "desk", id: created.body.id };
    expect(
      (await callJson(revokeInviteRoute, "/x", { method: "DELETE", auth: await as(desk.admin), params }))
        .status,
    ).toBe(409);
    const pending = await invite({ role: "viewer" });
    const pendingParams = { team: "desk", id: pending.body.id };
    expect(
      (
        await callJson(revokeInviteRoute, "/x", {
          method: "DELETE",
          auth: await as(desk.annotator),
          params: pendingParams,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await callJson(revokeInviteRoute, "/x", {
          method: "DELETE",
          auth: await as(rival.admin),
          params: pendingParams,
        })
      ).status,
    ).toBe(404);
    // rival's admin, through rival's own slug, cannot reach desk's invite either.
    expect(
      (
        await callJson(revokeInviteRoute, "/x", {
          method: "DELETE",
          auth: await as(rival.admin),
          params: { team: "rival", id: pending.body.id },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await callJson(revokeInviteRoute, "/x", {
          method: "DELETE",
          auth: await as(desk.admin),
          params: { team: "desk", id: "123" },
        })
      ).status,
    ).toBe(404);
    expect((await db.invite.findUniqueOrThrow({ where: { id: pending.body.id } })).revokedAt).toBeNull();
  });
});
