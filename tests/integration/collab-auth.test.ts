// The /collab endpoint with real providers: who may open which live document, and who may write.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { annotationsDocumentName, bodyDocumentName } from "../../lib/collab/document-name.ts";
import { db } from "../../lib/db.ts";
import { connectTestClient, eventually, settleFor, type TestClient } from "../support/collab-client.ts";
import {
  createTestArticle,
  createTestMember,
  createTestTeam,
  type TestMember,
} from "../support/collab-fixtures.ts";
import { type CollabTestServer, startCollabTestServer } from "../support/collab-server.ts";

let server: CollabTestServer;
let teamId: string;
let articleId: string;
let admin: TestMember;
let moderator: TestMember;
let annotator: TestMember;
let viewer: TestMember;
let stranger: TestMember;
const clients: TestClient[] = [];

function connect(name: string, cookie?: string): TestClient {
  const client = connectTestClient(server.url, name, cookie);
  clients.push(client);
  return client;
}

function serverMap(name: string) {
  const document = server.hocuspocus.documents.get(name);
  if (!document) throw new Error(`document ${name} is not loaded on the server`);
  return document.getMap("probe");
}

beforeAll(async () => {
  server = await startCollabTestServer();
  const team = await createTestTeam();
  teamId = team.id;
  admin = await createTestMember(teamId, "ADMIN");
  moderator = await createTestMember(teamId, "MODERATOR");
  annotator = await createTestMember(teamId, "ANNOTATOR");
  viewer = await createTestMember(teamId, "VIEWER");
  const otherTeam = await createTestTeam();
  stranger = await createTestMember(otherTeam.id, "ADMIN");
  articleId = (await createTestArticle(teamId, admin.userId)).id;
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  await server?.close();
});

describe("refusals", () => {
  it("refuses a connection without a session cookie", async () => {
    const client = connect(bodyDocumentName(articleId));
    expect(await client.outcome).toEqual({ authenticated: false, reason: "unauthenticated" });
  });

  it("refuses a cookie that is not a valid session token", async () => {
    const client = connect(bodyDocumentName(articleId), "next-auth.session-token=forged.jwt.value");
    expect(await client.outcome).toEqual({ authenticated: false, reason: "unauthenticated" });
  });

  it("refuses a member of another team, exactly like a missing or deleted article", async () => {
    const foreign = connect(bodyDocumentName(articleId), stranger.cookie);
    expect(await foreign.outcome).toEqual({ authenticated: false, reason: "not-found" });

    const missing = connect(bodyDocumentName("00000000-0000-4000-8000-000000000000"), admin.cookie);
    expect(await missing.outcome).toEqual({ authenticated: false, reason: "not-found" });

    const deleted = await createTestArticle(teamId, admin.userId);
    await db.article.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    const gone = connect(bodyDocumentName(deleted.id), admin.cookie);
    expect(await gone.outcome).toEqual({ authenticated: false, reason: "not-found" });
  });

  it("refuses malformed document names", async () => {
    for (const name of [
      "article",
      `article.${articleId.toUpperCase()}`,
      `article.${articleId}.comments`,
      `team.${articleId}`,
      `article.${articleId}/../x`,
    ]) {
      const client = connect(name, admin.cookie);
      expect(await client.outcome, name).toEqual({ authenticated: false, reason: "invalid-document" });
    }
  });

  it("refuses a revoked or expired session and a disabled user", async () => {
    const revoked = await createTestMember(teamId, "ADMIN");
    await db.session.update({ where: { id: revoked.sessionId }, data: { revokedAt: new Date() } });
    expect(await connect(bodyDocumentName(articleId), revoked.cookie).outcome).toEqual({
      authenticated: false,
      reason: "unauthenticated",
    });

    const expired = await createTestMember(teamId, "ADMIN");
    await db.session.update({
      where: { id: expired.sessionId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await connect(bodyDocumentName(articleId), expired.cookie).outcome).toEqual({
      authenticated: false,
      reason: "unauthenticated",
    });

    const disabled = await createTestMember(teamId, "ADMIN");
    await db.user.update({ where: { id: disabled.userId }, data: { disabledAt: new Date() } });
    expect(await connect(bodyDocumentName(articleId), disabled.cookie).outcome).toEqual({
      authenticated: false,
      reason: "unauthenticated",
    });
  });

  it("refuses a cross-site websocket handshake before Hocuspocus sees it", async () => {
    const url = new URL(server.url);
    const status = await new Promise<number | string>((resolve) => {
      const socket = new WebSocket(server.url, {
        headers: { cookie: admin.cookie, origin: "https://evil.example" },
      });
      socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      socket.on("open", () => {
        socket.close();
        resolve("open");
      });
      socket.on("error", () => resolve("error"));
    });
    expect(status).toBe(403);

    const sameSite = connect(bodyDocumentName(articleId), admin.cookie);
    expect((await sameSite.outcome).authenticated).toBe(true);
    expect(url.pathname).toBe("/collab");
  });
});

describe("the article body", () => {
  it("gives admins and moderators writable connections that converge", async () => {
    const name = bodyDocumentName(articleId);
    const a = connect(name, admin.cookie);
    const m = connect(name, moderator.cookie);
    expect(await a.outcome).toEqual({ authenticated: true, readOnly: false });
    expect(await m.outcome).toEqual({ authenticated: true, readOnly: false });
    await Promise.all([a.synced(), m.synced()]);

    a.doc.getMap("probe").set("fromAdmin", 1);
    m.doc.getMap("probe").set("fromModerator", 2);
    await eventually(
      () => a.doc.getMap("probe").get("fromModerator") === 2 && m.doc.getMap("probe").get("fromAdmin") === 1,
      "both clients see both writes",
    );
    expect(serverMap(name).toJSON()).toEqual({ fromAdmin: 1, fromModerator: 2 });
  });

  it.each([
    ["viewer", () => viewer],
    ["annotator", () => annotator],
  ])("does not apply or relay a %s's body update", async (label, member) => {
    const name = bodyDocumentName(articleId);
    const watcher = connect(name, admin.cookie);
    const reader = connect(name, member().cookie);
    expect(await reader.outcome).toEqual({ authenticated: true, readOnly: true });
    expect((await watcher.outcome).authenticated).toBe(true);
    await Promise.all([watcher.synced(), reader.synced()]);

    reader.doc.getMap("probe").set(`from-${label}`, "forged");
    // A control write from the writable client proves messages are flowing meanwhile.
    watcher.doc.getMap("probe").set(`control-${label}`, true);
    await eventually(
      () => reader.doc.getMap("probe").get(`control-${label}`) === true,
      "control write arrives",
    );
    await settleFor();

    expect(serverMap(name).get(`from-${label}`)).toBeUndefined();
    expect(watcher.doc.getMap("probe").get(`from-${label}`)).toBeUndefined();
  });
});

describe("the annotations document", () => {
  it("is read-only for every role, yet receives the server's writes", async () => {
    const name = annotationsDocumentName(articleId);
    const members = { admin, moderator, annotator, viewer };
    const connected = Object.entries(members).map(([label, member]) => ({
      label,
      client: connect(name, member.cookie),
    }));
    for (const { label, client } of connected) {
      expect(await client.outcome, label).toEqual({ authenticated: true, readOnly: true });
      await client.synced();
    }

    for (const { label, client } of connected) client.doc.getMap("probe").set(`forged-${label}`, true);

    const direct = await server.hocuspocus.openDirectConnection(name, { system: true });
    await direct.transact((doc) => doc.getMap("probe").set("published", "by-server"));
    await direct.disconnect();

    for (const { label, client } of connected) {
      await eventually(
        () => client.doc.getMap("probe").get("published") === "by-server",
        `${label} receives`,
      );
    }
    await settleFor();
    const state = serverMap(name).toJSON();
    expect(state).toEqual({ published: "by-server" });
    for (const { label, client } of connected) {
      for (const other of Object.keys(members)) {
        if (other !== label)
          expect(client.doc.getMap("probe").get(`forged-${other}`), `${label} sees ${other}`).toBeUndefined();
      }
    }
  });
});

describe("limits", () => {
  function rawSocket(): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(server.url, { headers: { cookie: admin.cookie } });
      socket.once("open", () => resolve(socket));
      socket.once("error", reject);
    });
  }
  const closed = (socket: WebSocket) =>
    new Promise<number>((resolve) => socket.once("close", (code: number) => resolve(code)));
  const authMessage = (name: string) => {
    const bytes = new TextEncoder().encode(name);
    // documentName (varString), Auth (2), Token (0), empty token
    return new Uint8Array([bytes.length, ...bytes, 2, 0, 0]);
  };

  it("closes a socket that sends a message over the size limit", async () => {
    const socket = await rawSocket();
    const code = closed(socket);
    socket.send(new Uint8Array(1024 * 1024 + 1));
    expect(await code).toBe(1009);
  });

  it("closes a socket that opens more documents than an article page needs", async () => {
    const socket = await rawSocket();
    const code = closed(socket);
    for (let i = 0; i < 17; i++) socket.send(authMessage(`article.${articleId}.x${i}`));
    expect(await code).toBe(1008);
  });
});
