// Issue 9, item 2: PostgreSQL goes away while the app serves the API and live documents.
// - The HTTP API answers 503 `unavailable` with a clear message (not 500), and works again after.
// - A live document whose load cannot reach the database is refused with `unavailable` and its
//   socket closed with 1013, so the provider retries; no empty document is served, cached or
//   later stored over the real body; after recovery the client gets the real body.
// - Body edits whose store fails are kept (the document stays in memory even when every client
//   has left) and the store is retried with backoff until the database is back.
// - SIGTERM after an outage (child process): failed stores are stored before exit, exit code 0.
// - After the outage and recovery nothing is retained: every document that failed to load or
//   was unloaded is garbage-collected, and heap growth after a forced GC stays bounded.
//
// How PostgreSQL is cut: a TCP proxy (tests/support/tcp-proxy.ts) between the app and this
// file's real database. cut() resets every open connection and stops listening (new
// connections are refused), which is what clients see when PostgreSQL stops; restore() listens
// again. Chosen over stopping a dedicated embedded PostgreSQL because the test can cut at an
// exact point (inside a document load, between authorization and the body query) and restart
// at once, while the database and its data stay untouched, and the same proxy serves the Redis
// fault test. The app under test is the real collaboration server (all its extensions, over
// real websockets with real providers) and the real route handlers, in this process, so the
// heap can be measured.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Extension, onLoadDocumentPayload } from "@hocuspocus/server";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { POST as postAnnotation } from "../../app/api/v1/articles/[id]/annotations/route.ts";
import { GET as getArticle } from "../../app/api/v1/articles/[id]/route.ts";
import { GET as getHealth } from "../../app/api/v1/health/route.ts";
import { createAnnotationStateExtension } from "../../lib/collab/annotation-state.ts";
import { createBodyPersistenceExtension } from "../../lib/collab/body-persistence.ts";
import { annotationsDocumentName, bodyDocumentName } from "../../lib/collab/document-name.ts";
import { registerCollabInstance } from "../../lib/collab/instance.ts";
import { disconnectDb } from "../../lib/db.ts";
import { DATABASE_UNAVAILABLE_MESSAGE } from "../../lib/errors.ts";
import { callJson } from "../support/api.ts";
import { connectTestClient } from "../support/collab-client.ts";
import {
  bodyText,
  createTestMember,
  createTestTeam,
  createTextArticle,
  type TestMember,
} from "../support/collab-fixtures.ts";
import { type CollabTestServer, startCollabTestServer } from "../support/collab-server.ts";
import {
  connectReconnectingClient,
  type ReconnectingClient,
  startCollabChild,
  waitUntil,
} from "../support/fault-helpers.ts";
import { startTcpProxy, type TcpProxy, throughProxy } from "../support/tcp-proxy.ts";

const ORIGINAL = "First paragraph about the coalition.\n\nSecond paragraph on civilian casualties.";

let realUrl: string;
let proxy: TcpProxy;
// Reads what PostgreSQL really holds, bypassing the proxy (and the app's client).
let direct: pg.Client;
let server: CollabTestServer;
let team: { id: string; slug: string };
let moderator: TestMember;
let viewer: TestMember;
const clients: ReconnectingClient[] = [];

// Cuts the database inside a document load (after authorization, before the body query), and
// keeps a weak reference to every document Hocuspocus creates, to check none is retained.
let cutOnNextLoad = false;
const createdDocuments: WeakRef<Y.Doc>[] = [];
const faultInjection: Extension = {
  extensionName: "test-fault-injection",
  // Above the persistence extensions (default 100), so it runs before they read the database.
  priority: 500,
  async onLoadDocument({ document }: onLoadDocumentPayload) {
    createdDocuments.push(new WeakRef(document));
    if (!cutOnNextLoad) return;
    cutOnNextLoad = false;
    await proxy.cut();
  },
};

function newArticle(): Promise<string> {
  return createTextArticle(team.id, moderator.userId, ORIGINAL);
}

async function storedText(articleId: string): Promise<string> {
  const result = await direct.query<{ text: string }>('SELECT "text" FROM "Article" WHERE "id" = $1', [
    articleId,
  ]);
  return result.rows[0]!.text;
}

async function auditCount(articleId: string, action: string): Promise<number> {
  const result = await direct.query<{ n: string }>(
    'SELECT count(*) AS n FROM "AuditEvent" WHERE "entityId" = $1 AND "action" = $2',
    [articleId, action],
  );
  return Number(result.rows[0]!.n);
}

// What Tiptap does when someone types at the start of the first paragraph.
function typeAtStart(doc: Y.Doc, text: string): void {
  const paragraph = doc.getXmlFragment("default").get(0) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(0, text);
}

/** A provider that keeps reconnecting, with what the server told it. */
function connect(name: string, member: TestMember) {
  const client = connectReconnectingClient(server.url, name, member.cookie);
  clients.push(client);
  const refusals: string[] = [];
  const closeCodes: number[] = [];
  client.provider.on("authenticationFailed", ({ reason }: { reason: string }) => refusals.push(reason));
  client.socket.on("close", ({ event }: { event: { code: number } }) => closeCodes.push(event.code));
  return Object.assign(client, { refusals, closeCodes });
}

async function waitForDatabase(): Promise<void> {
  await waitUntil(
    async () => (await callJson(getHealth, "/api/v1/health")).status === 200,
    "the app reaches PostgreSQL again",
  );
}

beforeAll(async () => {
  realUrl = process.env.DATABASE_URL!;
  const target = new URL(realUrl);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  // Everything in this process (fixtures, route handlers, the collaboration server) goes through the proxy.
  await disconnectDb();
  process.env.DATABASE_URL = throughProxy(realUrl, proxy);
  direct = new pg.Client({ connectionString: realUrl });
  await direct.connect();
  team = await createTestTeam();
  moderator = await createTestMember(team.id, "MODERATOR");
  viewer = await createTestMember(team.id, "VIEWER");
  server = await startCollabTestServer({
    extensions: [
      faultInjection,
      createBodyPersistenceExtension({ retryMinMs: 100, retryMaxMs: 1000 }),
      createAnnotationStateExtension(),
    ],
    debounce: 50,
    maxDebounce: 200,
  });
  registerCollabInstance(server.hocuspocus);
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  cutOnNextLoad = false;
  await proxy.restore();
});

afterAll(async () => {
  registerCollabInstance(undefined);
  await server?.close();
  await disconnectDb();
  process.env.DATABASE_URL = realUrl;
  await direct?.end();
  await proxy?.close();
});

describe("PostgreSQL unavailable", () => {
  it("the HTTP API answers 503 with a clear message while the database is down, and serves again after", async () => {
    const articleId = await newArticle();
    const auth = { cookie: moderator.cookie };
    expect(
      (await callJson(getArticle, `/api/v1/articles/${articleId}`, { auth, params: { id: articleId } }))
        .status,
    ).toBe(200);

    await proxy.cut();
    const read = await callJson(getArticle, `/api/v1/articles/${articleId}`, {
      auth,
      params: { id: articleId },
    });
    expect(read.status).toBe(503);
    expect(read.body.error).toMatchObject({ code: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE });
    expect(read.response.headers.get("retry-after")).toBe("5");
    expect(JSON.stringify(read.body)).not.toMatch(/127\.0\.0\.1|P10\d\d|prisma/i);

    const write = await callJson(postAnnotation, `/api/v1/articles/${articleId}/annotations`, {
      method: "POST",
      auth,
      params: { id: articleId },
      body: { label: "fact", start: 0, end: 5 },
    });
    expect(write.status).toBe(503);
    expect(write.body.error.code).toBe("unavailable");
    expect((await callJson(getHealth, "/api/v1/health")).status).toBe(503);

    await proxy.restore();
    await waitForDatabase();
    const again = await callJson(getArticle, `/api/v1/articles/${articleId}`, {
      auth,
      params: { id: articleId },
    });
    expect(again.status).toBe(200);
    expect(again.body.text).toBe(ORIGINAL);
  });

  it("refuses a document whose load cannot reach the database (never an empty body), and serves the real one after", async () => {
    const articleId = await newArticle();
    const name = bodyDocumentName(articleId);
    cutOnNextLoad = true;
    const editor = connect(name, moderator);

    // Authorized, then the load failed: refused as unavailable and the socket closed with 1013.
    await waitUntil(() => editor.refusals.includes("unavailable"), "the load failure reaches the client");
    await waitUntil(
      () => editor.closeCodes.includes(1013),
      "the socket is closed with 1013 (try again later)",
    );
    expect(editor.provider.isSynced).toBe(false);
    expect(bodyText(editor.doc)).toBe("");
    expect(server.hocuspocus.documents.has(name)).toBe(false);
    // While the database stays down the provider keeps retrying (each attempt is refused).
    await waitUntil(() => editor.closeCodes.length >= 3, "the provider retries");
    expect(editor.refusals.filter((reason) => reason === "unavailable").length).toBeGreaterThanOrEqual(3);
    expect(server.hocuspocus.documents.has(name)).toBe(false);

    await proxy.restore();
    await waitUntil(() => editor.provider.isSynced, "the provider syncs once the database is back", 30_000);
    expect(bodyText(editor.doc)).toBe(ORIGINAL);

    // A correction now is stored on top of the real body, not over an empty one.
    typeAtStart(editor.doc, "Fixed. ");
    await waitUntil(
      async () => (await storedText(articleId)) === `Fixed. ${ORIGINAL}`,
      "the correction is stored",
    );
    const fresh = connect(name, viewer);
    await waitUntil(() => fresh.provider.isSynced, "a fresh client syncs");
    expect(bodyText(fresh.doc)).toBe(`Fixed. ${ORIGINAL}`);
  });

  it("refuses the annotation state as unavailable when its load cannot reach the database", async () => {
    const articleId = await newArticle();
    const name = annotationsDocumentName(articleId);
    cutOnNextLoad = true;
    const reader = connect(name, viewer);
    await waitUntil(() => reader.refusals.includes("unavailable"), "the load failure reaches the client");
    expect(server.hocuspocus.documents.has(name)).toBe(false);
    await proxy.restore();
    await waitUntil(() => reader.provider.isSynced, "the provider syncs once the database is back", 30_000);
    expect(server.hocuspocus.documents.has(name)).toBe(true);
  });

  it("keeps edits whose store failed, even after every client left, and stores them once the database is back", async () => {
    const articleId = await newArticle();
    const name = bodyDocumentName(articleId);
    const editor = connect(name, moderator);
    await waitUntil(() => editor.provider.isSynced, "the editor syncs");
    const correctionsBefore = await auditCount(articleId, "article.correct");

    await proxy.cut();
    typeAtStart(editor.doc, "During the outage. ");
    await waitUntil(
      () => bodyText(server.hocuspocus.documents.get(name)!).startsWith("During the outage. "),
      "the server has the edit",
    );
    // The editor leaves: its provider is gone, only the server holds the edit now.
    clients.splice(clients.indexOf(editor), 1);
    editor.destroy();
    await waitUntil(
      () => server.hocuspocus.documents.get(name)?.getConnectionsCount() === 0,
      "the editor is gone",
    );
    // Several debounce windows and retries later the document is still held, unstored.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(server.hocuspocus.documents.has(name)).toBe(true);
    expect(await storedText(articleId)).toBe(ORIGINAL);

    await proxy.restore();
    await waitUntil(
      async () => (await storedText(articleId)) === `During the outage. ${ORIGINAL}`,
      "the retried store lands once the database is back",
      30_000,
    );
    expect(await auditCount(articleId, "article.correct")).toBe(correctionsBefore + 1);
    // Stored, nobody connected: the document leaves memory.
    await waitUntil(() => !server.hocuspocus.documents.has(name), "the stored document is unloaded");
  });

  it("returns to its memory baseline after an outage with refused loads and retried stores", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const heapAfterGc = async () => {
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setImmediate(resolve));
        gc();
      }
      return process.memoryUsage().heapUsed;
    };
    const articleIds = await Promise.all(Array.from({ length: 5 }, () => newArticle()));
    // Warm up every code path once, then measure the baseline.
    for (const articleId of articleIds) {
      const warm = connect(bodyDocumentName(articleId), moderator);
      await waitUntil(() => warm.provider.isSynced, "warm-up sync");
    }
    for (const client of clients.splice(0)) client.destroy();
    await waitUntil(() => server.hocuspocus.getDocumentsCount() === 0, "warm-up documents unload");
    const baseline = await heapAfterGc();
    createdDocuments.length = 0;

    // The outage: 40 loads that fail half-way, and edits to every article whose stores fail.
    for (let i = 0; i < 40; i++) {
      cutOnNextLoad = true;
      const refused = connectTestClient(server.url, bodyDocumentName(articleIds[i % 5]!), viewer.cookie);
      // (Hocuspocus says "authenticated" before it loads, then refuses when the load fails.)
      const reason = await new Promise<string>((resolve) =>
        refused.provider.on("authenticationFailed", ({ reason }: { reason: string }) => resolve(reason)),
      );
      expect(reason).toBe("unavailable");
      refused.destroy();
      await proxy.restore();
    }
    const editors = articleIds.map((articleId) => connect(bodyDocumentName(articleId), moderator));
    await waitUntil(() => editors.every((e) => e.provider.isSynced), "the editors sync");
    await proxy.cut();
    for (const editor of editors) typeAtStart(editor.doc, "Outage edit. ");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const client of clients.splice(0)) client.destroy();

    // Recovery: every edit stored, every document unloaded and collected.
    await proxy.restore();
    for (const articleId of articleIds) {
      await waitUntil(
        async () => (await storedText(articleId)).startsWith("Outage edit. "),
        "the outage edits are stored",
        30_000,
      );
    }
    await waitUntil(() => server.hocuspocus.getDocumentsCount() === 0, "every document unloads", 30_000);
    const after = await heapAfterGc();
    console.info(
      `heap after GC: baseline ${baseline}, after recovery ${after}, growth ${after - baseline} bytes`,
    );
    const retained = createdDocuments.filter((ref) => ref.deref() !== undefined).length;
    expect(createdDocuments.length).toBeGreaterThanOrEqual(45);
    expect(retained).toBe(0);
    // Every document is collected (above); the heap bound catches other retention (timers,
    // queued messages, pool state), generous for GC noise (measured growth here: about 1.4 MB).
    expect(after - baseline).toBeLessThan(8 * 1024 * 1024);
  });

  it("SIGTERM after an outage: edits whose stores failed are stored before the process exits", async () => {
    const articleId = await newArticle();
    const name = bodyDocumentName(articleId);
    // A server in its own process (DATABASE_URL is the proxy here), with a long debounce: only
    // the failed-store retries and the shutdown can store the edit.
    const child = await startCollabChild({
      databaseUrl: process.env.DATABASE_URL!,
      debounceMs: 100,
      maxDebounceMs: 500,
    });
    try {
      const editor = connectReconnectingClient(child.url, name, moderator.cookie);
      const observer = connectReconnectingClient(child.url, name, viewer.cookie);
      clients.push(editor, observer);
      await waitUntil(() => editor.provider.isSynced && observer.provider.isSynced, "both clients sync");

      await proxy.cut();
      typeAtStart(editor.doc, "Kept. ");
      await waitUntil(() => bodyText(observer.doc).startsWith("Kept. "), "the server has the edit");
      // Several debounce windows: the store has been attempted and has failed.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await storedText(articleId)).toBe(ORIGINAL);

      const exit = child.terminate(30_000);
      await proxy.restore();
      expect(await exit).toEqual({ code: 0, signal: null });
      expect(child.output()).toContain("STOPPED");
      expect(await storedText(articleId)).toBe(`Kept. ${ORIGINAL}`);
    } finally {
      await child.kill();
    }
  }, 120_000);
});
