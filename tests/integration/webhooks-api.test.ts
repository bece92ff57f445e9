// Managing webhook endpoints over the API: admins only (signed in), every input validated with
// nothing stored on bad input, the secret shown once and stored sealed, another team's 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DELETE as deleteRoute,
  GET as getRoute,
  PATCH as patchRoute,
} from "../../app/api/v1/teams/[team]/webhooks/[id]/route.ts";
import { POST as createRoute, GET as listRoute } from "../../app/api/v1/teams/[team]/webhooks/route.ts";
import { db, disconnectDb } from "../../lib/db.ts";
import { openSecret } from "../../lib/webhooks/secret-box.ts";
import { callJson, sessionCookie, type TestAuth } from "../support/api.ts";
import { createApiToken, createTeamWithMembers, type TestTeam } from "../support/factories.ts";

let team: TestTeam;
let other: TestTeam;
let admin: TestAuth;

const valid = {
  url: "https://hooks.example.org/desk",
  events: ["annotation.reviewed", "annotation.reviewed", "evidence.added"],
};

function create(auth: TestAuth, body: unknown, slug = team.slug) {
  return callJson(createRoute, `/api/v1/teams/${slug}/webhooks`, {
    method: "POST",
    auth,
    params: { team: slug },
    body,
  });
}

function one(
  route: typeof getRoute,
  method: string,
  auth: TestAuth,
  id: string,
  body?: unknown,
  slug = team.slug,
) {
  return callJson(route, `/api/v1/teams/${slug}/webhooks/${id}`, {
    method,
    auth,
    params: { team: slug, id },
    body,
  });
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  other = await createTeamWithMembers();
  admin = { cookie: await sessionCookie(team.admin) };
});

afterAll(async () => {
  await disconnectDb();
});

describe("registering an endpoint", () => {
  it("returns the whsec_ secret once, stores it sealed, and never lists it", async () => {
    const { status, body } = await create(admin, { ...valid, description: "Desk channel" });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      url: valid.url,
      events: ["annotation.reviewed", "evidence.added"],
      format: "standard",
      enabled: true,
      description: "Desk channel",
    });
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.secretCipher).not.toContain(body.secret.slice(6));
    expect(openSecret(row.secretCipher)).toBe(body.secret);
    const list = await callJson(listRoute, `/api/v1/teams/${team.slug}/webhooks`, {
      auth: admin,
      params: { team: team.slug },
    });
    expect(list.status).toBe(200);
    expect(list.body.webhooks.map((webhook: { id: string }) => webhook.id)).toContain(body.id);
    expect(JSON.stringify(list.body)).not.toContain(body.secret.slice(6, 20));
    expect(JSON.stringify((await one(getRoute, "GET", admin, body.id)).body)).not.toContain('secret":');
    const audit = await db.auditEvent.findMany({ where: { entityId: body.id } });
    expect(audit.map((event) => event.action)).toEqual(["webhook.create"]);
    expect(JSON.stringify(audit.map((event) => [event.before, event.after]))).not.toContain(
      body.secret.slice(6, 20),
    );
  });

  it.each([
    ["an ftp URL", { ...valid, url: "ftp://example.org/x" }, "url"],
    ["a relative URL", { ...valid, url: "/hooks" }, "url"],
    ["credentials in the URL", { ...valid, url: "https://user:pw@example.org/x" }, "url"],
    ["an unknown event", { ...valid, events: ["annotation.exploded"] }, "events"],
    ["no events", { ...valid, events: [] }, "events"],
    ["an unknown format", { ...valid, format: "xml" }, "format"],
    ["a long description", { ...valid, description: "x".repeat(501) }, "description"],
    ["no URL", { events: valid.events }, "url"],
  ])("refuses %s (400, nothing stored)", async (_what, body, field) => {
    const before = await db.webhookEndpoint.count();
    const answer = await create(admin, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("invalid_input");
    expect(answer.body.error.message).toContain(field);
    expect(await db.webhookEndpoint.count()).toBe(before);
  });

  it.each([
    ["a loopback address", "http://127.0.0.1:8080/hook"],
    ["the name localhost", "http://localhost:3000/hook"],
    ["IPv6 loopback", "http://[::1]/hook"],
    ["a private network", "https://10.1.2.3/hook"],
    ["the cloud metadata address", "http://169.254.169.254/latest/meta-data"],
    ["an IPv4-mapped IPv6 loopback", "http://[::ffff:127.0.0.1]/hook"],
  ])("refuses %s at registration (422 fetch_blocked_address, nothing stored)", async (_what, url) => {
    const before = await db.webhookEndpoint.count();
    const answer = await create(admin, { ...valid, url });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("fetch_blocked_address");
    expect(answer.body.error.message).toContain("FETCH_ALLOW_HOSTS");
    expect(await db.webhookEndpoint.count()).toBe(before);
  });

  it("accepts a private address that FETCH_ALLOW_HOSTS lists, and refuses an edit to one it does not", async () => {
    const previous = process.env.FETCH_ALLOW_HOSTS;
    process.env.FETCH_ALLOW_HOSTS = "127.0.0.1:8080";
    try {
      const created = await create(admin, { ...valid, url: "http://127.0.0.1:8080/intranet-cms" });
      expect(created.status).toBe(201);
      const moved = await one(patchRoute, "PATCH", admin, created.body.id, {
        url: "http://127.0.0.1:8081/x",
      });
      expect(moved.status).toBe(422);
      expect(moved.body.error.code).toBe("fetch_blocked_address");
      const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.body.id } });
      expect(row.url).toBe("http://127.0.0.1:8080/intranet-cms");
    } finally {
      if (previous === undefined) delete process.env.FETCH_ALLOW_HOSTS;
      else process.env.FETCH_ALLOW_HOSTS = previous;
    }
  });

  it("is for admins only: other roles 403, API tokens 403, another team 404", async () => {
    for (const member of [team.moderator, team.annotator, team.viewer]) {
      const answer = await create({ cookie: await sessionCookie(member) }, valid);
      expect(answer.status, member.name).toBe(403);
    }
    const token = await createApiToken({
      teamId: team.id,
      createdById: team.admin.id,
      scopes: ["READ", "ANNOTATE", "REVIEW", "EXPORT"],
    });
    expect((await create({ bearer: token.secret }, valid)).status).toBe(403);
    expect((await create({ cookie: await sessionCookie(other.admin) }, valid)).status).toBe(404);
    expect((await create(null, valid)).status).toBe(401);
  });
});

describe("editing, disabling and deleting", () => {
  it("edits events and format, disables and enables, deletes", async () => {
    const { body: created } = await create(admin, valid);
    const edited = await one(patchRoute, "PATCH", admin, created.id, {
      events: ["article.created"],
      format: "slack",
      description: null,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ events: ["article.created"], format: "slack", description: null });
    const disabled = await one(patchRoute, "PATCH", admin, created.id, { enabled: false });
    expect(disabled.body).toMatchObject({ enabled: false, disabledReason: "disabled by an admin" });
    expect(disabled.body.disabledAt).not.toBeNull();
    const enabled = await one(patchRoute, "PATCH", admin, created.id, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabledAt: null, disabledReason: null });
    const refused = await one(patchRoute, "PATCH", admin, created.id, { secretCipher: "x" });
    expect(refused.status).toBe(400);
    const badUrl = await one(patchRoute, "PATCH", admin, created.id, { url: "javascript:alert(1)" });
    expect(badUrl.status).toBe(400);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).url).toBe(valid.url);
    expect((await one(deleteRoute, "DELETE", admin, created.id)).status).toBe(204);
    expect((await one(getRoute, "GET", admin, created.id)).status).toBe(404);
  });

  it("hides another team's endpoint and malformed ids (404) and refuses non-admins (403)", async () => {
    const { body: created } = await create(admin, valid);
    const outsider = { cookie: await sessionCookie(other.admin) };
    expect((await one(getRoute, "GET", outsider, created.id)).status).toBe(404);
    expect((await one(getRoute, "GET", outsider, created.id, undefined, other.slug)).status).toBe(404);
    expect(
      (await one(patchRoute, "PATCH", outsider, created.id, { enabled: false }, other.slug)).status,
    ).toBe(404);
    expect((await one(deleteRoute, "DELETE", outsider, created.id, undefined, other.slug)).status).toBe(404);
    expect((await one(getRoute, "GET", admin, "not-a-uuid")).status).toBe(404);
    const moderator = { cookie: await sessionCookie(team.moderator) };
    expect((await one(patchRoute, "PATCH", moderator, created.id, { enabled: false })).status).toBe(403);
    expect((await one(deleteRoute, "DELETE", moderator, created.id)).status).toBe(403);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).enabled).toBe(true);
  });
});
