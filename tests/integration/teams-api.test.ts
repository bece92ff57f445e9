import { beforeAll, describe, expect, it } from "vitest";
import { POST as leaveRoute } from "../../app/api/v1/teams/[team]/leave/route.ts";
import {
  PATCH as patchRoute,
  DELETE as removeRoute,
} from "../../app/api/v1/teams/[team]/members/[userId]/route.ts";
import { GET as membersRoute } from "../../app/api/v1/teams/[team]/members/route.ts";
import { GET as teamRoute } from "../../app/api/v1/teams/[team]/route.ts";
import { POST as createTeamRoute, GET as listTeamsRoute } from "../../app/api/v1/teams/route.ts";
import { db } from "../../lib/db.ts";
import type { Role } from "../../lib/generated/prisma/enums.ts";
import { callJson, SessionCookies, sessionCookie } from "../support/api.ts";
import {
  addMember,
  createApiToken,
  createDeskAndRival,
  createTeamWithMembers,
  createUser,
  memberOf,
  TEAM_ROLES,
  type TestTeam,
  type TestUser,
} from "../support/factories.ts";

let desk: TestTeam;
let rival: TestTeam;
const sessions = new SessionCookies();

beforeAll(async () => {
  ({ desk, rival } = await createDeskAndRival());
  await sessions.add([...desk.members, ...rival.members]);
});

describe("GET /api/v1/teams", () => {
  it("refuses a caller who is not signed in", async () => {
    const { status, body } = await callJson(listTeamsRoute, "/api/v1/teams");
    expect(status).toBe(401);
    expect(body.error.code).toBe("unauthenticated");
  });

  for (const role of TEAM_ROLES) {
    it(`lists only the ${role.toLowerCase()}'s own team, with the role in lower case`, async () => {
      const { status, body } = await callJson(listTeamsRoute, "/api/v1/teams", {
        auth: sessions.as(memberOf(desk, role)),
      });
      expect(status).toBe(200);
      expect(body.teams).toEqual([
        expect.objectContaining({ slug: "desk", name: "Desk", role: role.toLowerCase() }),
      ]);
    });
  }

  it("shows an API token only its own team, even when its creator belongs to several", async () => {
    await addMember(rival.id, desk.admin.id, "VIEWER");
    const token = await createApiToken({ teamId: desk.id, createdById: desk.admin.id, scopes: ["READ"] });
    const viaToken = await callJson(listTeamsRoute, "/api/v1/teams", { auth: { bearer: token.secret } });
    expect(viaToken.body.teams.map((team: { slug: string }) => team.slug)).toEqual(["desk"]);
    const viaCookie = await callJson(listTeamsRoute, "/api/v1/teams", { auth: sessions.as(desk.admin) });
    expect(viaCookie.body.teams.map((team: { slug: string }) => team.slug).sort()).toEqual(["desk", "rival"]);
    await db.membership.delete({ where: { teamId_userId: { teamId: rival.id, userId: desk.admin.id } } });
  });
});

describe("POST /api/v1/teams", () => {
  it("creates a team whose admin is the caller, with an audit event", async () => {
    const founder = await createUser();
    const { status, body } = await callJson(createTeamRoute, "/api/v1/teams", {
      method: "POST",
      auth: { cookie: await sessionCookie(founder) },
      body: { slug: "night-desk", name: "Night desk" },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ slug: "night-desk", name: "Night desk", role: "admin" });
    const membership = await db.membership.findFirst({ where: { teamId: body.id, userId: founder.id } });
    expect(membership?.role).toBe("ADMIN");
    const events = await db.auditEvent.findMany({ where: { teamId: body.id } });
    expect(events.map((event) => [event.action, event.actorId])).toEqual([["team.create", founder.id]]);
  });

  it("answers 409 for a slug that is taken", async () => {
    const { status, body } = await callJson(createTeamRoute, "/api/v1/teams", {
      method: "POST",
      auth: sessions.as(rival.viewer),
      body: { slug: "desk", name: "Another desk" },
    });
    expect(status).toBe(409);
    expect(body.error.message).toMatch(/taken/);
    expect(await db.team.count({ where: { slug: "desk" } })).toBe(1);
  });

  it.each([
    ["too short", { slug: "ab", name: "X" }],
    ["upper case", { slug: "Desk-Two", name: "X" }],
    ["a leading hyphen", { slug: "-desk", name: "X" }],
    ["too long", { slug: "a".repeat(41), name: "X" }],
    ["no name", { slug: "valid-slug" }],
    ["an empty name", { slug: "valid-slug", name: "  " }],
  ])("refuses a slug or name that is %s (400)", async (_why, input) => {
    const { status, body } = await callJson(createTeamRoute, "/api/v1/teams", {
      method: "POST",
      auth: sessions.as(desk.viewer),
      body: input,
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_input");
  });

  it("refuses API tokens (403): teams are created by people", async () => {
    const token = await createApiToken({
      teamId: desk.id,
      createdById: desk.admin.id,
      scopes: ["READ", "ANNOTATE", "REVIEW", "EXPORT"],
    });
    const { status } = await callJson(createTeamRoute, "/api/v1/teams", {
      method: "POST",
      auth: { bearer: token.secret },
      body: { slug: "token-team", name: "Token team" },
    });
    expect(status).toBe(403);
    expect(await db.team.count({ where: { slug: "token-team" } })).toBe(0);
  });
});

describe("GET /api/v1/teams/{team} and /members", () => {
  for (const role of TEAM_ROLES) {
    it(`answers the ${role.toLowerCase()} with the team and its members`, async () => {
      const auth = sessions.as(memberOf(desk, role));
      const team = await callJson(teamRoute, "/api/v1/teams/desk", { auth, params: { team: "desk" } });
      expect(team.status).toBe(200);
      expect(team.body).toMatchObject({ slug: "desk", role: role.toLowerCase(), memberCount: 4 });
      const members = await callJson(membersRoute, "/api/v1/teams/desk/members", {
        auth,
        params: { team: "desk" },
      });
      expect(members.status).toBe(200);
      expect(members.body.members.map((member: { userId: string }) => member.userId).sort()).toEqual(
        desk.members.map((member) => member.id).sort(),
      );
      expect(
        members.body.members.find((member: { userId: string }) => member.userId === desk.admin.id).role,
      ).toBe("admin");
    });

    it(`answers a ${role.toLowerCase()} of another team 404, revealing nothing`, async () => {
      const auth = sessions.as(memberOf(rival, role));
      for (const [handler, path] of [
        [teamRoute, "/api/v1/teams/desk"],
        [membersRoute, "/api/v1/teams/desk/members"],
      ] as const) {
        const response = await callJson(handler, path, { auth, params: { team: "desk" } });
        expect(response.status).toBe(404);
        expect(JSON.stringify(response.body)).not.toContain(desk.admin.email);
        expect(JSON.stringify(response.body)).not.toContain(desk.id);
      }
    });
  }

  it("answers 404 for a team that does not exist, like one you are not in", async () => {
    const { status, body } = await callJson(teamRoute, "/api/v1/teams/nowhere", {
      auth: sessions.as(desk.admin),
      params: { team: "nowhere" },
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
  });

  it("lets a token with read see its team, refuses a token without read (403), and hides other teams (404)", async () => {
    const reader = await createApiToken({ teamId: desk.id, createdById: desk.viewer.id, scopes: ["READ"] });
    const exporter = await createApiToken({
      teamId: desk.id,
      createdById: desk.viewer.id,
      scopes: ["EXPORT"],
    });
    expect(
      (await callJson(membersRoute, "/x", { auth: { bearer: reader.secret }, params: { team: "desk" } }))
        .status,
    ).toBe(200);
    expect(
      (await callJson(membersRoute, "/x", { auth: { bearer: exporter.secret }, params: { team: "desk" } }))
        .status,
    ).toBe(403);
    // The token's creator is not in rival; but even a creator who is must not reach it with this token.
    await addMember(rival.id, desk.viewer.id, "ADMIN");
    expect(
      (await callJson(teamRoute, "/x", { auth: { bearer: reader.secret }, params: { team: "rival" } }))
        .status,
    ).toBe(404);
    await db.membership.delete({ where: { teamId_userId: { teamId: rival.id, userId: desk.viewer.id } } });
  });
});

describe("PATCH and DELETE /api/v1/teams/{team}/members/{userId}", () => {
  let target: TestUser;

  beforeAll(async () => {
    target = await createUser({ name: "Target Person" });
    await addMember(desk.id, target.id, "VIEWER");
  });

  for (const role of ["MODERATOR", "ANNOTATOR", "VIEWER"] as Role[]) {
    it(`refuses a ${role.toLowerCase()} (403) and changes nothing`, async () => {
      const auth = sessions.as(memberOf(desk, role));
      const params = { team: "desk", userId: target.id };
      const patch = await callJson(patchRoute, "/x", {
        method: "PATCH",
        auth,
        params,
        body: { role: "admin" },
      });
      expect(patch.status).toBe(403);
      const remove = await callJson(removeRoute, "/x", { method: "DELETE", auth, params });
      expect(remove.status).toBe(403);
      const membership = await db.membership.findFirst({ where: { teamId: desk.id, userId: target.id } });
      expect(membership?.role).toBe("VIEWER");
    });
  }

  for (const role of TEAM_ROLES) {
    it(`answers a ${role.toLowerCase()} of another team 404`, async () => {
      const auth = sessions.as(memberOf(rival, role));
      const params = { team: "desk", userId: target.id };
      expect(
        (await callJson(patchRoute, "/x", { method: "PATCH", auth, params, body: { role: "admin" } })).status,
      ).toBe(404);
      expect((await callJson(removeRoute, "/x", { method: "DELETE", auth, params })).status).toBe(404);
    });
  }

  it("lets an admin change a role, recording before and after", async () => {
    const { status, body } = await callJson(patchRoute, "/x", {
      method: "PATCH",
      auth: sessions.as(desk.admin),
      params: { team: "desk", userId: target.id },
      body: { role: "annotator" },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ userId: target.id, role: "annotator" });
    const event = await db.auditEvent.findFirst({ where: { teamId: desk.id, action: "member.role_change" } });
    expect(event).toMatchObject({
      actorId: desk.admin.id,
      before: { userId: target.id, role: "VIEWER" },
      after: { userId: target.id, role: "ANNOTATOR" },
    });
  });

  it("answers 404 for a user who is not in the team, or who is in another team", async () => {
    const auth = sessions.as(desk.admin);
    const stranger = await createUser();
    for (const userId of [stranger.id, rival.viewer.id, "00000000-0000-4000-8000-000000000000"]) {
      const response = await callJson(patchRoute, "/x", {
        method: "PATCH",
        auth,
        params: { team: "desk", userId },
        body: { role: "viewer" },
      });
      expect(response.status).toBe(404);
    }
    expect(
      (await db.membership.findFirst({ where: { userId: rival.viewer.id, teamId: rival.id } }))?.role,
    ).toBe("VIEWER");
  });

  it("refuses to demote or remove the last admin (409) with a clear message", async () => {
    const params = { team: "desk", userId: desk.admin.id };
    const demote = await callJson(patchRoute, "/x", {
      method: "PATCH",
      auth: sessions.as(desk.admin),
      params,
      body: { role: "viewer" },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/only admin/);
    const remove = await callJson(removeRoute, "/x", {
      method: "DELETE",
      auth: sessions.as(desk.admin),
      params,
    });
    expect(remove.status).toBe(409);
    expect((await db.membership.findFirst({ where: { teamId: desk.id, userId: desk.admin.id } }))?.role).toBe(
      "ADMIN",
    );
  });

  it("lets an admin remove a member, recording it", async () => {
    const { status } = await callJson(removeRoute, "/x", {
      method: "DELETE",
      auth: sessions.as(desk.admin),
      params: { team: "desk", userId: target.id },
    });
    expect(status).toBe(204);
    expect(await db.membership.count({ where: { teamId: desk.id, userId: target.id } })).toBe(0);
    const event = await db.auditEvent.findFirst({ where: { teamId: desk.id, action: "member.remove" } });
    expect(event?.before).toMatchObject({ userId: target.id, role: "ANNOTATOR" });
  });

  it("refuses an admin's API token (403): members are managed by people", async () => {
    const token = await createApiToken({
      teamId: desk.id,
      createdById: desk.admin.id,
      scopes: ["READ", "ANNOTATE", "REVIEW", "EXPORT"],
    });
    const { status } = await callJson(patchRoute, "/x", {
      method: "PATCH",
      auth: { bearer: token.secret },
      params: { team: "desk", userId: desk.viewer.id },
      body: { role: "admin" },
    });
    expect(status).toBe(403);
  });
});

describe("POST /api/v1/teams/{team}/leave", () => {
  it("lets a member leave, recording it", async () => {
    const leaver = await createUser();
    await addMember(desk.id, leaver.id, "ANNOTATOR");
    const { status } = await callJson(leaveRoute, "/x", {
      method: "POST",
      auth: { cookie: await sessionCookie(leaver) },
      params: { team: "desk" },
    });
    expect(status).toBe(204);
    expect(await db.membership.count({ where: { teamId: desk.id, userId: leaver.id } })).toBe(0);
    expect(
      await db.auditEvent.count({ where: { teamId: desk.id, action: "member.leave", actorId: leaver.id } }),
    ).toBe(1);
  });

  it("refuses the last admin (409) and answers a non-member 404", async () => {
    const last = await callJson(leaveRoute, "/x", {
      method: "POST",
      auth: sessions.as(desk.admin),
      params: { team: "desk" },
    });
    expect(last.status).toBe(409);
    const outsider = await callJson(leaveRoute, "/x", {
      method: "POST",
      auth: sessions.as(rival.admin),
      params: { team: "desk" },
    });
    expect(outsider.status).toBe(404);
  });

  it("lets an admin leave once another admin exists", async () => {
    const second = await createUser();
    await addMember(rival.id, second.id, "ADMIN");
    const { status } = await callJson(leaveRoute, "/x", {
      method: "POST",
      auth: sessions.as(rival.admin),
      params: { team: "rival" },
    });
    expect(status).toBe(204);
    const admins = await db.membership.findMany({ where: { teamId: rival.id, role: "ADMIN" } });
    expect(admins.map((admin) => admin.userId)).toEqual([second.id]);
  });
});

describe("the last-admin rule under concurrency", () => {
  it("lets only one of two admins demoting each other at the same moment succeed (10 teams at once)", async () => {
    const teams = await Promise.all(
      Array.from({ length: 10 }, () => createTeamWithMembers({ extra: ["ADMIN"] })),
    );
    const cookieOf = new Map<string, string>();
    for (const team of teams) {
      for (const member of team.members) cookieOf.set(member.id, await sessionCookie(member));
    }
    const demote = (team: TestTeam, by: TestUser, target: TestUser) =>
      callJson(patchRoute, "/x", {
        method: "PATCH",
        auth: { cookie: cookieOf.get(by.id)! },
        params: { team: team.slug, userId: target.id },
        body: { role: "viewer" },
      });
    const results = await Promise.all(
      teams.map(async (team) => {
        const [first, second] = team.members.filter((member) => member.role === "ADMIN");
        return Promise.all([demote(team, first!, second!), demote(team, second!, first!)]);
      }),
    );
    for (const [index, pair] of results.entries()) {
      const statuses = pair.map((result) => result.status).sort();
      // Whichever commits first leaves one admin; the other then finds it would demote the last
      // admin (409) or, demoted already, may no longer manage members (403).
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      expect(await db.membership.count({ where: { teamId: teams[index]!.id, role: "ADMIN" } })).toBe(1);
    }
  });
});
