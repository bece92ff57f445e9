// Over 400 lines: every access change (sign-out, disable, remove, leave, role, archive, delete) against live connections, one server.
// Access changes take effect at once: signing out, disabling a user, removing a member, a member
// leaving, lowering (or raising) a role, archiving and deleting an article are signalled through
// PostgreSQL LISTEN/NOTIFY to every collaboration instance, which re-authorizes the affected open
// connections right away. The periodic re-check (the backstop for missed signals) is set to ten
// minutes here, so a connection that changes within the bounded wait below changed because of
// the signal. The HTTP side is checked on the very next request.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as importArticleRoute } from "../../app/api/v1/teams/[team]/articles/route.ts";
import { GET as reviewQueueRoute } from "../../app/api/v1/teams/[team]/review-queue/route.ts";
import { GET as teamRoute } from "../../app/api/v1/teams/[team]/route.ts";
import { setArticleArchived } from "../../lib/articles/archive-article.ts";
import { deleteArticle } from "../../lib/articles/delete-article.ts";
import type { UserActor } from "../../lib/auth/actor.ts";
import { sessionCookieName } from "../../lib/auth/config.ts";
import { revokeSession } from "../../lib/auth/revoke-session.ts";
import { resolveSessionFromCookieHeader } from "../../lib/auth/session.ts";
import { ACCESS_REVOKED } from "../../lib/collab/access-recheck.ts";
import { annotationsDocumentName, bodyDocumentName } from "../../lib/collab/document-name.ts";
import { SERVER_CONTEXT } from "../../lib/collab/instance.ts";
import { listenAccessChanges } from "../../lib/collab/listen-access-changes.ts";
import { signalAccessChange, type TAccessChange } from "../../lib/collab/signal-access-change.ts";
import { db } from "../../lib/db.ts";
import type { Role } from "../../lib/generated/prisma/enums.ts";
import { changeMemberRole } from "../../lib/teams/change-member-role.ts";
import { leaveTeam } from "../../lib/teams/leave-team.ts";
import { removeMember } from "../../lib/teams/remove-member.ts";
import { disableUser } from "../../lib/users/disable-user.ts";
import { callJson, type RouteHandler } from "../support/api.ts";
import { connectTestClient, eventually, settleFor, type TestClient } from "../support/collab-client.ts";
import {
  createTestArticle,
  createTestMember,
  createTestTeam,
  ensureAuthSecret,
  type TestMember,
} from "../support/collab-fixtures.ts";
import { type CollabTestServer, startCollabTestServer } from "../support/collab-server.ts";

// The periodic backstop never fires during this file; signals must do the work.
const BACKSTOP_MS = 10 * 60_000;
// A bound on waiting for a signal's effect (it normally takes a few milliseconds).
const SIGNAL_WAIT_MS = 5000;

let server: CollabTestServer;
let team: { id: string; slug: string };
let admin: TestMember;
let adminActor: UserActor;
let articleId: string;
const clients: TestClient[] = [];

async function actorOf(member: TestMember): Promise<UserActor> {
  const actor = await resolveSessionFromCookieHeader(member.cookie);
  if (!actor) throw new Error("test member has no live session");
  return actor;
}

async function open(cookie: string, name = bodyDocumentName(articleId), on = server): Promise<TestClient> {
  const client = connectTestClient(on.url, name, cookie);
  clients.push(client);
  expect((await client.outcome).authenticated).toBe(true);
  await client.synced();
  return client;
}

function serverConnection(on: CollabTestServer, userId: string, name = bodyDocumentName(articleId)) {
  return on.hocuspocus.documents
    .get(name)
    ?.getConnections()
    .find((connection) => connection.context?.actor?.userId === userId);
}

async function status(route: RouteHandler, path: string, params: Record<string, string>, cookie: string) {
  return (await callJson(route, path, { auth: { cookie }, params })).status;
}

const teamStatus = (cookie: string) =>
  status(teamRoute, `/api/v1/teams/${team.slug}`, { team: team.slug }, cookie);

/**
 * Whether a write from `writer` reaches `watcher`. A server-side control write made after it
 * proves delivery works (it reaches the writer), and a short settle lets the write arrive if
 * it was going to.
 */
async function writeReaches(writer: TestClient, watcher: TestClient, name = bodyDocumentName(articleId)) {
  const key = randomUUID();
  writer.doc.getMap("probe").set(key, true);
  await settleFor(50);
  const direct = await server.hocuspocus.openDirectConnection(name, SERVER_CONTEXT);
  await direct.transact((doc) => doc.getMap("probe").set(`control-${key}`, true));
  await direct.disconnect();
  await eventually(() => watcher.doc.getMap("probe").get(`control-${key}`) === true, "control write arrives");
  await eventually(() => writer.doc.getMap("probe").get(`control-${key}`) === true, "control write arrives");
  await settleFor();
  return watcher.doc.getMap("probe").get(key) === true;
}

/** A listener of its own on the signal channel, once it listens. */
async function startListener() {
  const received: TAccessChange[] = [];
  let ready: () => void = () => {};
  const listening = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const listener = listenAccessChanges({
    connectionString: process.env.DATABASE_URL!,
    onChange: (change) => received.push(change),
    onListening: () => ready(),
  });
  await listening;
  return { listener, received };
}

const closedByRevocation = (client: TestClient) => () => client.closedWith() === ACCESS_REVOKED.reason;

beforeAll(async () => {
  server = await startCollabTestServer({ accessRecheckIntervalMs: BACKSTOP_MS });
  team = await createTestTeam();
  admin = await createTestMember(team.id, "ADMIN");
  adminActor = await actorOf(admin);
  articleId = (await createTestArticle(team.id, admin.userId)).id;
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  await server?.close();
});

describe("sign-out", () => {
  it("closes that session's connections at once and refuses its next request, other sessions untouched", async () => {
    const member = await createTestMember(team.id, "MODERATOR");
    const otherSession = await db.session.create({
      data: { userId: member.userId, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const otherCookie = `${sessionCookieName()}=${await encode({
      token: { sub: member.userId, sid: otherSession.id },
      secret: ensureAuthSecret(),
    })}`;
    const body = await open(member.cookie);
    const annotations = await open(member.cookie, annotationsDocumentName(articleId));
    const otherTab = await open(otherCookie);
    const bystander = await open((await createTestMember(team.id, "VIEWER")).cookie);
    expect(await teamStatus(member.cookie)).toBe(200);

    await revokeSession(member.sessionId);

    await eventually(closedByRevocation(body), "signed-out body connection is closed", SIGNAL_WAIT_MS);
    await eventually(
      closedByRevocation(annotations),
      "signed-out annotations connection is closed",
      SIGNAL_WAIT_MS,
    );
    expect(await teamStatus(member.cookie)).toBe(401);
    expect(await teamStatus(otherCookie)).toBe(200);
    await settleFor();
    expect(otherTab.closedWith()).toBeNull();
    expect(bystander.closedWith()).toBeNull();
  });
});

describe("disabling a user", () => {
  it("closes every connection of theirs at once and refuses their next request", async () => {
    const member = await createTestMember(team.id, "ANNOTATOR");
    const client = await open(member.cookie);
    const bystander = await open((await createTestMember(team.id, "ANNOTATOR")).cookie);

    await disableUser({ userId: member.userId });

    await eventually(closedByRevocation(client), "disabled user's connection is closed", SIGNAL_WAIT_MS);
    expect(await teamStatus(member.cookie)).toBe(401);
    await settleFor();
    expect(bystander.closedWith()).toBeNull();
  });
});

describe("membership", () => {
  it("closes a removed member's connections at once; their next request finds nothing (404)", async () => {
    const member = await createTestMember(team.id, "MODERATOR");
    const body = await open(member.cookie);
    const annotations = await open(member.cookie, annotationsDocumentName(articleId));
    const bystander = await open((await createTestMember(team.id, "MODERATOR")).cookie);

    await removeMember({ actor: adminActor, slug: team.slug, userId: member.userId });

    await eventually(closedByRevocation(body), "removed member's body connection is closed", SIGNAL_WAIT_MS);
    await eventually(
      closedByRevocation(annotations),
      "removed member's annotations connection is closed",
      SIGNAL_WAIT_MS,
    );
    expect(await teamStatus(member.cookie)).toBe(404);
    await settleFor();
    expect(bystander.closedWith()).toBeNull();
  });

  it("closes the connections of a member who leaves at once", async () => {
    const member = await createTestMember(team.id, "VIEWER");
    const client = await open(member.cookie);

    await leaveTeam({ actor: await actorOf(member), slug: team.slug });

    await eventually(closedByRevocation(client), "connection of a member who left is closed", SIGNAL_WAIT_MS);
    expect(await teamStatus(member.cookie)).toBe(404);
  });

  it("makes a moderator's body read-only at once when lowered to annotator (writes refused), and HTTP follows", async () => {
    const member = await createTestMember(team.id, "MODERATOR");
    const watcher = await open((await createTestMember(team.id, "ADMIN")).cookie);
    const client = await open(member.cookie);
    const queuePath = `/api/v1/teams/${team.slug}/review-queue`;
    expect(await writeReaches(client, watcher)).toBe(true);
    expect(await status(reviewQueueRoute, queuePath, { team: team.slug }, member.cookie)).toBe(200);

    await changeMemberRole({ actor: adminActor, slug: team.slug, userId: member.userId, role: "ANNOTATOR" });

    await eventually(
      () => serverConnection(server, member.userId)?.readOnly === true,
      "connection is read-only",
      SIGNAL_WAIT_MS,
    );
    expect(await writeReaches(client, watcher)).toBe(false);
    expect(client.closedWith()).toBeNull();
    expect(await status(reviewQueueRoute, queuePath, { team: team.slug }, member.cookie)).toBe(403);
  });

  it("keeps a member lowered to viewer connected read-only and refuses their next write request (403)", async () => {
    const member = await createTestMember(team.id, "ANNOTATOR");
    const client = await open(member.cookie);
    const importArticle = async () =>
      (
        await callJson(importArticleRoute, `/api/v1/teams/${team.slug}/articles`, {
          method: "POST",
          auth: { cookie: member.cookie },
          params: { team: team.slug },
          body: { title: "Brief", format: "text", content: "A short correction notice." },
        })
      ).status;
    expect(await importArticle()).toBe(201);

    await changeMemberRole({ actor: adminActor, slug: team.slug, userId: member.userId, role: "VIEWER" });

    expect(await importArticle()).toBe(403);
    await eventually(
      () => serverConnection(server, member.userId)?.context.role === "VIEWER",
      "re-authorized as viewer",
      SIGNAL_WAIT_MS,
    );
    expect(serverConnection(server, member.userId)?.readOnly).toBe(true);
    expect(client.closedWith()).toBeNull();
  });

  it("makes the body writable at once when an annotator is raised to moderator", async () => {
    const member = await createTestMember(team.id, "ANNOTATOR");
    const watcher = await open((await createTestMember(team.id, "ADMIN")).cookie);
    const client = await open(member.cookie);
    expect(serverConnection(server, member.userId)?.readOnly).toBe(true);

    await changeMemberRole({ actor: adminActor, slug: team.slug, userId: member.userId, role: "MODERATOR" });

    await eventually(
      () => serverConnection(server, member.userId)?.readOnly === false,
      "connection is writable",
      SIGNAL_WAIT_MS,
    );
    expect(await writeReaches(client, watcher)).toBe(true);
  });

  it("sends no signal for a change that is refused (the last admin cannot be demoted)", async () => {
    const soloTeam = await createTestTeam();
    const soloAdmin = await createTestMember(soloTeam.id, "ADMIN");
    const soloArticle = await createTestArticle(soloTeam.id, soloAdmin.userId);
    const { listener, received } = await startListener();
    try {
      const role: Role = "VIEWER";
      await expect(
        changeMemberRole({
          actor: await actorOf(soloAdmin),
          slug: soloTeam.slug,
          userId: soloAdmin.userId,
          role,
        }),
      ).rejects.toMatchObject({ code: "conflict" });
      // A committed change after it: signals arrive in commit order, so once this one is here,
      // any signal of the refused change would have arrived before it.
      await setArticleArchived({
        actor: await actorOf(soloAdmin),
        articleId: soloArticle.id,
        archived: true,
      });
      await eventually(() => received.length > 0, "the committed change is signalled", SIGNAL_WAIT_MS);
      expect(received).toEqual([{ kind: "article", articleId: soloArticle.id }]);
    } finally {
      await listener.close();
    }
  });
});

describe("articles", () => {
  it("makes the body read-only at once when the article is archived, and writable again when restored", async () => {
    const article = await createTestArticle(team.id, admin.userId);
    const watcher = await open(
      (await createTestMember(team.id, "VIEWER")).cookie,
      bodyDocumentName(article.id),
    );
    const name = bodyDocumentName(article.id);
    const client = await open(admin.cookie, name);
    // A second tab that stays quiet while archived: a tab whose write was refused holds that
    // change only locally, and its later writes depend on it (Yjs causality) until it re-syncs.
    const otherTab = await open(admin.cookie, name);
    const connections = () => server.hocuspocus.documents.get(name)?.getConnections() ?? [];
    const adminConnections = () => connections().filter((c) => c.context?.actor?.userId === admin.userId);
    expect(await writeReaches(client, watcher, name)).toBe(true);

    await setArticleArchived({ actor: adminActor, articleId: article.id, archived: true });
    await eventually(
      () => adminConnections().length === 2 && adminConnections().every((c) => c.readOnly),
      "archived body is read-only",
      SIGNAL_WAIT_MS,
    );
    expect(await writeReaches(client, watcher, name)).toBe(false);

    await setArticleArchived({ actor: adminActor, articleId: article.id, archived: false });
    await eventually(
      () => adminConnections().every((c) => !c.readOnly),
      "restored body is writable",
      SIGNAL_WAIT_MS,
    );
    expect(await writeReaches(otherTab, watcher, name)).toBe(true);
  });

  it("closes every connection to an article at once when it is deleted", async () => {
    const article = await createTestArticle(team.id, admin.userId);
    const viewer = await createTestMember(team.id, "VIEWER");
    const body = await open(viewer.cookie, bodyDocumentName(article.id));
    const annotations = await open(admin.cookie, annotationsDocumentName(article.id));
    const elsewhere = await open(viewer.cookie);

    await deleteArticle({ actor: adminActor, articleId: article.id });

    await eventually(closedByRevocation(body), "deleted article's body connection is closed", SIGNAL_WAIT_MS);
    await eventually(
      closedByRevocation(annotations),
      "deleted article's annotations connection is closed",
      SIGNAL_WAIT_MS,
    );
    await settleFor();
    expect(elsewhere.closedWith()).toBeNull();
  });
});

describe("the signal channel", () => {
  it("delivers only committed changes, in commit order", async () => {
    const { listener, received } = await startListener();
    try {
      const rolledBack = { kind: "user", userId: randomUUID() } as const;
      const committed = { kind: "user", userId: randomUUID() } as const;
      await expect(
        db.$transaction(async (tx) => {
          await signalAccessChange(tx, rolledBack);
          throw new Error("the change fails after signalling");
        }),
      ).rejects.toThrow("the change fails");
      await db.$transaction((tx) => signalAccessChange(tx, committed));
      await eventually(() => received.length > 0, "committed signal arrives", SIGNAL_WAIT_MS);
      expect(received).toEqual([committed]);
    } finally {
      await listener.close();
    }
  });

  it("ignores payloads on the channel that are not access changes", async () => {
    const { listener, received } = await startListener();
    try {
      const valid = { kind: "article", articleId: randomUUID() } as const;
      for (const payload of [
        "not json",
        '{"kind":"user","userId":"nope"}',
        '{"kind":"team"}',
        JSON.stringify(valid),
      ])
        await db.$executeRaw`SELECT pg_notify('proofmark_access', ${payload})`;
      await eventually(() => received.length > 0, "the valid signal arrives", SIGNAL_WAIT_MS);
      expect(received).toEqual([valid]);
    } finally {
      await listener.close();
    }
  });

  it("re-checks every connection when the listening connection comes back (signals missed meanwhile)", async () => {
    const member = await createTestMember(team.id, "ANNOTATOR");
    const client = await open(member.cookie);
    // A change nobody signals, as if its signal had been lost during an outage.
    await db.membership.deleteMany({ where: { teamId: team.id, userId: member.userId } });
    await settleFor();
    expect(client.closedWith()).toBeNull();

    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN proofmark_access'",
      );
      expect(rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }

    await eventually(
      closedByRevocation(client),
      "connection re-checked after the listener reconnects",
      SIGNAL_WAIT_MS,
    );
  });
});

describe("a connection admitted just before a change committed", () => {
  it("is re-checked when it registers, though its signal was handled before", async () => {
    const gatedArticle = await createTestArticle(team.id, admin.userId);
    const gatedName = bodyDocumentName(gatedArticle.id);
    let entered = false;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Runs after authentication (which already admitted the member) and holds the connection
    // there, as a slow document load would.
    const holdAfterAuthentication: Extension = {
      extensionName: "test-hold-after-authentication",
      async onAuthenticate({ documentName }: onAuthenticatePayload) {
        if (documentName !== gatedName) return;
        entered = true;
        await gate;
      },
    };
    const third = await startCollabTestServer({
      accessRecheckIntervalMs: BACKSTOP_MS,
      extensions: [holdAfterAuthentication],
    });
    try {
      const member = await createTestMember(team.id, "MODERATOR");
      const witness = await open(member.cookie, bodyDocumentName(articleId), third);
      // This instance listens once a signal reaches it (the listener starts with its first connection).
      await changeMemberRole({
        actor: adminActor,
        slug: team.slug,
        userId: member.userId,
        role: "ANNOTATOR",
      });
      await eventually(
        () => serverConnection(third, member.userId)?.readOnly === true,
        "this instance receives signals",
        SIGNAL_WAIT_MS,
      );
      const held = connectTestClient(third.url, gatedName, member.cookie);
      clients.push(held);
      await eventually(() => entered, "the held connection was admitted");

      await removeMember({ actor: adminActor, slug: team.slug, userId: member.userId });
      // The signal was handled on this instance: the member's registered connection is gone.
      await eventually(closedByRevocation(witness), "the registered connection is closed", SIGNAL_WAIT_MS);
      expect(held.closedWith()).toBeNull();

      release();
      expect((await held.outcome).authenticated).toBe(true);
      await eventually(
        closedByRevocation(held),
        "the late connection is closed on registering",
        SIGNAL_WAIT_MS,
      );
    } finally {
      release();
      await third.close();
    }
  });
});

describe("several instances", () => {
  let second: CollabTestServer;

  beforeAll(async () => {
    second = await startCollabTestServer({ accessRecheckIntervalMs: BACKSTOP_MS });
  });

  afterAll(async () => {
    await second?.close();
  });

  it("closes a removed member's connections on every instance at once", async () => {
    const member = await createTestMember(team.id, "MODERATOR");
    const onFirst = await open(member.cookie);
    const onSecond = await open(member.cookie, bodyDocumentName(articleId), second);

    await removeMember({ actor: adminActor, slug: team.slug, userId: member.userId });

    await eventually(closedByRevocation(onFirst), "closed on the first instance", SIGNAL_WAIT_MS);
    await eventually(closedByRevocation(onSecond), "closed on the second instance", SIGNAL_WAIT_MS);
  });

  it("closes a user's connections on every instance when `npm run user:disable` runs in another process", async () => {
    const member = await createTestMember(team.id, "ANNOTATOR");
    const { email } = await db.user.findUniqueOrThrow({
      where: { id: member.userId },
      select: { email: true },
    });
    const onFirst = await open(member.cookie);
    const onSecond = await open(member.cookie, annotationsDocumentName(articleId), second);

    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/user-disable.ts", email],
      {
        env: { ...process.env },
        timeout: 60_000,
      },
    );
    expect(stdout).toContain(`disabled ${email}`);

    await eventually(closedByRevocation(onFirst), "closed on the first instance", SIGNAL_WAIT_MS);
    await eventually(closedByRevocation(onSecond), "closed on the second instance", SIGNAL_WAIT_MS);
    expect(await teamStatus(member.cookie)).toBe(401);
  });
});
