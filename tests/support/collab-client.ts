// Real @hocuspocus/provider clients in Node, sending a session cookie on the handshake.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { expect } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import {
  ANNOTATIONS_MAP,
  decodeLiveAnnotation,
  type LiveAnnotation,
  PEOPLE_MAP,
} from "../../lib/annotations/live-entry.ts";

/** How a provider's authentication ended. */
export type AuthOutcome =
  | { authenticated: true; readOnly: boolean }
  | { authenticated: false; reason: string };

export interface TestClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Resolves once the server accepted or refused this document. */
  outcome: Promise<AuthOutcome>;
  /** The reason of the last close the server sent for this document (null while open). */
  closedWith(): string | null;
  /** Resolves after the first full sync with the server. */
  synced(): Promise<void>;
  /** Every raw websocket frame the server sent this client, in order (to prove what never arrived). */
  frames: Buffer[];
  destroy(): void;
}

// The provider constructs `new WebSocketPolyfill(url)`; Node's ws takes headers as a third argument.
function webSocketWithCookie(cookie: string | undefined, frames: Buffer[]) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { cookie } } : {});
      this.on("message", (data: WebSocket.RawData) => {
        const chunks = Array.isArray(data) ? data : [data];
        for (const chunk of chunks) frames.push(Buffer.from(chunk as ArrayBuffer));
      });
    }
  };
}

export function connectTestClient(url: string, name: string, cookie?: string): TestClient {
  const doc = new Y.Doc();
  const frames: Buffer[] = [];
  const socket = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: webSocketWithCookie(cookie, frames),
    // A refused test client should not keep knocking.
    maxAttempts: 1,
  });
  // When a socket closes, the provider schedules a reconnect (`setTimeout(() => this.connect())`)
  // whose rejection nobody handles, and `connect()` re-arms itself even after `destroy()`. A test
  // client closed by the server (4403, refusal) would then knock on a server the test has since
  // stopped and fail the run with an unhandled ECONNREFUSED. Its failures show in the events
  // below; the promise is not needed.
  let destroyed = false;
  const connect = socket.connect.bind(socket);
  socket.connect = () => (destroyed ? Promise.resolve() : connect().catch(() => {}));
  let settle: (outcome: AuthOutcome) => void = () => {};
  let closeReason: string | null = null;
  const outcome = new Promise<AuthOutcome>((resolve) => {
    settle = resolve;
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    onAuthenticated: ({ scope }) => settle({ authenticated: true, readOnly: scope === "readonly" }),
    onAuthenticationFailed: ({ reason }) => settle({ authenticated: false, reason }),
    onClose: ({ event }) => {
      closeReason = event.reason || "closed";
      settle({ authenticated: false, reason: "closed" });
    },
  });
  provider.attach();
  return {
    doc,
    provider,
    socket,
    outcome,
    closedWith: () => closeReason,
    frames,
    synced: () =>
      provider.isSynced
        ? Promise.resolve()
        : new Promise((resolve) => {
            const onSynced = () => {
              provider.off("synced", onSynced);
              resolve();
            };
            provider.on("synced", onSynced);
          }),
    destroy() {
      destroyed = true;
      provider.destroy();
      socket.destroy();
    },
  };
}

/**
 * Connects a client (kept in `clients`, to destroy when the file ends), expects the server to
 * accept it (`message` names who opens what, for the failure), and waits for its first sync.
 */
export async function connectSynced(
  clients: TestClient[],
  url: string,
  name: string,
  cookie: string | undefined,
  message?: string,
): Promise<TestClient> {
  const client = connectTestClient(url, name, cookie);
  clients.push(client);
  expect((await client.outcome).authenticated, message).toBe(true);
  await client.synced();
  return client;
}

/** Waits until `condition` holds, polling; fails the test with `message` after `timeoutMs`. */
export async function eventually(condition: () => boolean, message: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets in-flight messages arrive (to show that something did NOT happen). */
export function settleFor(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One annotation of a live annotations document as its reader decodes it, or null. */
export function liveAnnotation(doc: Y.Doc, id: string): LiveAnnotation | null {
  return decodeLiveAnnotation(id, doc.getMap(ANNOTATIONS_MAP).get(id), doc.getMap(PEOPLE_MAP));
}
