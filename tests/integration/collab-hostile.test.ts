// Hostile websocket clients against a real Hocuspocus server (issue 9 item 3), with raw `ws`
// sockets speaking the Hocuspocus protocol next to real providers. What collab-auth.test.ts does
// not cover: the server stays unharmed after a 1009 close, a flood before authentication (or after
// a refusal) is bounded and then closed, malformed sync and awareness messages, and a viewer's
// awareness spam.
import * as encoding from "lib0/encoding";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { bodyDocumentName } from "../../lib/collab/document-name.ts";
import { DEFAULT_SOCKET_GUARD_LIMITS } from "../../lib/collab/socket-guard.ts";
import { connectTestClient, eventually, settleFor, type TestClient } from "../support/collab-client.ts";
import {
  createTestArticle,
  createTestMember,
  createTestTeam,
  type TestMember,
} from "../support/collab-fixtures.ts";
import { type CollabTestServer, startCollabTestServer } from "../support/collab-server.ts";

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const AUTH_AUTHENTICATED = 2;

let server: CollabTestServer;
let articleId: string;
let admin: TestMember;
let moderator: TestMember;
let viewer: TestMember;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  server = await startCollabTestServer();
  const team = await createTestTeam();
  admin = await createTestMember(team.id, "ADMIN");
  moderator = await createTestMember(team.id, "MODERATOR");
  viewer = await createTestMember(team.id, "VIEWER");
  articleId = (await createTestArticle(team.id, admin.userId)).id;
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  for (const socket of sockets.splice(0)) socket.terminate();
});

afterAll(async () => {
  await server?.close();
});

function connect(cookie: string): TestClient {
  const client = connectTestClient(server.url, bodyDocumentName(articleId), cookie);
  clients.push(client);
  return client;
}

function message(name: string, type: number, write: (encoder: encoding.Encoder) => void = () => {}) {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, name);
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const authMessage = (name: string) =>
  message(name, AUTH, (encoder) => {
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarString(encoder, "");
  });

interface RawSocket {
  socket: WebSocket;
  /** Every message the server sent, in order. */
  received: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
}

function rawSocket(cookie?: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(server.url, cookie ? { headers: { cookie } } : {});
    sockets.push(socket);
    const received: Uint8Array[] = [];
    socket.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      socket.once("close", (code: number, reason: Buffer) => done({ code, reason: reason.toString() })),
    );
    socket.once("open", () => resolve({ socket, received, closed }));
    socket.once("error", reject);
  });
}

/** The close the server sent, or "still open" if none came within a bound on waiting. */
function closeOf(raw: RawSocket, ms = 10_000): Promise<{ code: number; reason: string } | "still open"> {
  return Promise.race([raw.closed, settleFor(ms).then(() => "still open" as const)]);
}

/** The type (and first payload byte) of a server message for `name`, or null for another document. */
function headOf(data: Uint8Array, name: string): { type: number; first: number | undefined } | null {
  const nameBytes = new TextEncoder().encode(name);
  if (data[0] !== nameBytes.length) return null;
  for (let i = 0; i < nameBytes.length; i++) if (data[1 + i] !== nameBytes[i]) return null;
  return { type: data[1 + nameBytes.length]!, first: data[2 + nameBytes.length] };
}

/** Opens the body document on a raw socket as `cookie`'s user and waits for "authenticated". */
async function authenticatedRaw(cookie: string): Promise<RawSocket> {
  const raw = await rawSocket(cookie);
  const name = bodyDocumentName(articleId);
  raw.socket.send(authMessage(name));
  await eventually(
    () =>
      raw.received.some((data) => {
        const head = headOf(data, name);
        return head?.type === AUTH && head.first === AUTH_AUTHENTICATED;
      }),
    "authenticated",
  );
  const doc = new Y.Doc();
  raw.socket.send(message(name, SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, doc)));
  return raw;
}

/** Proves the server still serves the document: a write by one provider reaches another, and a new client syncs it. */
async function expectServerUnharmed(marker: string): Promise<void> {
  const writer = connect(admin.cookie);
  const watcher = connect(moderator.cookie);
  await Promise.all([writer.synced(), watcher.synced()]);
  writer.doc.getMap("probe").set(marker, true);
  await eventually(() => watcher.doc.getMap("probe").get(marker) === true, `${marker} reaches the watcher`);
  const late = connect(viewer.cookie);
  await late.synced();
  await eventually(() => late.doc.getMap("probe").get(marker) === true, `${marker} reaches a new client`);
}

function serverProbe(): Record<string, unknown> {
  return server.hocuspocus.documents.get(bodyDocumentName(articleId))?.getMap("probe").toJSON() ?? {};
}

describe("an oversize frame", () => {
  it("closes only that socket with 1009; connected clients keep syncing and new ones join", async () => {
    const writer = connect(admin.cookie);
    const watcher = connect(moderator.cookie);
    await Promise.all([writer.synced(), watcher.synced()]);
    const raw = await authenticatedRaw(admin.cookie);
    raw.socket.send(new Uint8Array(1024 * 1024 + 1));
    expect((await raw.closed).code).toBe(1009);

    // The providers that were connected all along were not disturbed.
    writer.doc.getMap("probe").set("after-1009", 1);
    await eventually(() => watcher.doc.getMap("probe").get("after-1009") === 1, "write after the 1009");
    await expectServerUnharmed("after-1009-new");
  });
});

describe("a flood", () => {
  it("before authentication: a bounded number is kept, the rest dropped, then the socket is closed (1008 flood)", async () => {
    const raw = await rawSocket(admin.cookie);
    const name = bodyDocumentName(articleId);
    const forged = new Y.Doc();
    forged.getMap("probe").set("flooded", true);
    const update = Y.encodeStateAsUpdate(forged);
    const { maxPendingMessages, maxDroppedMessages } = DEFAULT_SOCKET_GUARD_LIMITS;
    const sent = maxPendingMessages + maxDroppedMessages + 500;
    for (let i = 0; i < sent && raw.socket.readyState === WebSocket.OPEN; i++) {
      raw.socket.send(message(name, SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update)));
    }
    expect(await closeOf(raw)).toEqual({ code: 1008, reason: "flood" });
    // Never authenticated, so nothing it sent was applied.
    await settleFor();
    expect(serverProbe().flooded).toBeUndefined();
    await expectServerUnharmed("after-pre-auth-flood");
  });

  it("without a session: refused, then the messages that keep coming are dropped and the socket closed", async () => {
    const raw = await rawSocket();
    const name = bodyDocumentName(articleId);
    raw.socket.send(authMessage(name));
    await eventually(() => raw.received.some((data) => headOf(data, name)?.type === AUTH), "refusal");
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: "anonymous" } });
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
    for (let i = 0; i < DEFAULT_SOCKET_GUARD_LIMITS.maxDroppedMessages + 100; i++) {
      if (raw.socket.readyState !== WebSocket.OPEN) break;
      raw.socket.send(message(name, AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, update)));
    }
    expect(await closeOf(raw)).toEqual({ code: 1008, reason: "flood" });
    await expectServerUnharmed("after-refused-flood");
  });

  it("repeated authentication messages count against the same bound", async () => {
    const raw = await rawSocket();
    const name = `article.${crypto.randomUUID()}`;
    for (let i = 0; i < 2000 && raw.socket.readyState === WebSocket.OPEN; i++)
      raw.socket.send(authMessage(name));
    expect(await closeOf(raw)).toEqual({ code: 1008, reason: "flood" });
  });
});

describe("malformed messages", () => {
  const name = () => bodyDocumentName(articleId);
  const MALFORMED: Array<[string, () => Uint8Array]> = [
    [
      "a sync message with an unknown sync type",
      () => message(name(), SYNC, (e) => encoding.writeVarUint(e, 9)),
    ],
    [
      "a sync update that is not a Yjs update",
      () =>
        message(name(), SYNC, (e) => {
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint8Array(e, new Uint8Array([0xff, 0xff, 0xff, 0x7f, 1, 2, 3]));
        }),
    ],
    [
      "a sync update whose declared length runs past the end",
      () =>
        message(name(), SYNC, (e) => {
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint(e, 1_000_000);
        }),
    ],
    [
      "an awareness message that is not an awareness update",
      () =>
        message(name(), AWARENESS, (e) =>
          encoding.writeVarUint8Array(e, new Uint8Array([5, 0xff, 0xff, 0xff])),
        ),
    ],
    [
      "an awareness state that is not JSON",
      () =>
        message(name(), AWARENESS, (e) => {
          const inner = encoding.createEncoder();
          encoding.writeVarUint(inner, 1);
          encoding.writeVarUint(inner, 424242);
          encoding.writeVarUint(inner, 1);
          encoding.writeVarString(inner, "{not json");
          encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
        }),
    ],
    ["an unknown message type", () => message(name(), 99, (e) => encoding.writeVarUint(e, 1))],
    ["a truncated document name", () => new Uint8Array([200, 97, 98])],
    ["random bytes", () => new Uint8Array(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256))],
  ];

  it.each(MALFORMED)(
    "%s: refused without changing the document; the server keeps serving",
    async (label, build) => {
      // A provider keeps the document loaded, so the server's copy is compared, not a reload.
      const keeper = connect(moderator.cookie);
      await keeper.synced();
      const before = serverProbe();
      const raw = await authenticatedRaw(admin.cookie);
      raw.socket.send(build());
      // Either Hocuspocus closes the socket or the document connection, or it ignores the message;
      // what matters is that nothing changed and everyone else is served.
      await Promise.race([raw.closed, settleFor(500)]);
      expect(serverProbe(), label).toEqual(before);
      await expectServerUnharmed(`after-${label.replace(/\W+/g, "-")}`);
    },
  );
});

describe("a viewer's presence spam", () => {
  it("is rate-limited: the watcher receives a bounded share, the viewer's body updates never, and syncing goes on", async () => {
    const name = bodyDocumentName(articleId);
    const watcher = await authenticatedRaw(admin.cookie);
    const spammer = await authenticatedRaw(viewer.cookie);
    await settleFor();
    const fromViewer = () => watcher.received.filter((data) => headOf(data, name)?.type === AWARENESS).length;
    const baseline = fromViewer();

    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    const started = performance.now();
    const sent = 3000;
    for (let i = 0; i < sent; i++) {
      awareness.setLocalState({ user: { name: `spam ${i}` }, cursor: i });
      const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
      spammer.socket.send(
        message(name, AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, update)),
      );
    }
    // An oversized presence message is never relayed at all.
    awareness.setLocalState({ user: { name: "x".repeat(DEFAULT_SOCKET_GUARD_LIMITS.maxAwarenessBytes) } });
    spammer.socket.send(
      message(name, AWARENESS, (encoder) =>
        encoding.writeVarUint8Array(
          encoder,
          awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]),
        ),
      ),
    );
    // The viewer's hand-crafted body update is neither applied nor relayed.
    const forged = new Y.Doc();
    forged.getMap("probe").set("viewer-forged", true);
    spammer.socket.send(
      message(name, SYNC, (e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(forged))),
    );
    await settleFor(500);
    const elapsedSeconds = (performance.now() - started) / 1000;

    const relayed = fromViewer() - baseline;
    const { awarenessBurst, awarenessPerSecond } = DEFAULT_SOCKET_GUARD_LIMITS;
    expect(relayed).toBeGreaterThan(0);
    expect(relayed).toBeLessThanOrEqual(Math.ceil(awarenessBurst + awarenessPerSecond * elapsedSeconds) + 1);
    expect(relayed).toBeLessThan(sent);
    const largest = Math.max(...watcher.received.map((data) => data.length));
    expect(largest).toBeLessThan(DEFAULT_SOCKET_GUARD_LIMITS.maxAwarenessBytes);
    // Rate-limited presence is dropped, not punished: the viewer stays connected.
    expect(spammer.socket.readyState).toBe(WebSocket.OPEN);
    expect(serverProbe()["viewer-forged"]).toBeUndefined();
    await expectServerUnharmed("after-presence-spam");
  });
});
