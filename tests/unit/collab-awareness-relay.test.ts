// Presence relayed in batches (lib/collab/awareness-relay.ts): a real Hocuspocus Document and real
// y-protocols awareness updates; the connections are recorders of what the document sends them.
import { Document } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { DEFAULT_AWARENESS_RELAY, installAwarenessRelay } from "../../lib/collab/awareness-relay.ts";

const NAME = "article.3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b";
const CHANGE_MS = 20;
const RENEWAL_MS = 500;

/** Decodes one awareness message: client id → state (null: gone). */
function statesIn(message: Uint8Array): Map<number, unknown> {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarString(decoder)).toBe(NAME);
  expect(decoding.readVarUint(decoder)).toBe(1);
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const states = new Map<number, unknown>();
  const count = decoding.readVarUint(update);
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(update);
    decoding.readVarUint(update); // clock
    states.set(id, JSON.parse(decoding.readVarString(update)));
  }
  return states;
}

interface Recorder {
  socket: object;
  clients: Set<number>;
  sent: Uint8Array[];
}

function attach(document: Document): Recorder {
  const recorder: Recorder = { socket: {}, clients: new Set(), sent: [] };
  const connection = { send: (message: Uint8Array) => recorder.sent.push(message) };
  document.connections.set(recorder.socket as never, {
    clients: recorder.clients,
    connection: connection as never,
  });
  return recorder;
}

/** A peer's presence, arriving on `from`'s socket. */
function peer(document: Document, from: Recorder, state: Record<string, unknown>) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  const send = () =>
    document.applyAwarenessUpdate(
      { webSocket: from.socket } as never,
      awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]),
    );
  awareness.setLocalState(state);
  send();
  return {
    id: awareness.clientID,
    /** The same state again with a new clock: what y-protocols sends every 15 s. */
    renew() {
      awareness.setLocalState(awareness.getLocalState());
      send();
    },
    change(next: Record<string, unknown>) {
      awareness.setLocalState(next);
      send();
    },
    leave() {
      awareness.setLocalState(null);
      send();
    },
  };
}

beforeAll(() => installAwarenessRelay({ changeDelayMs: CHANGE_MS, renewalDelayMs: RENEWAL_MS }));
afterAll(() => installAwarenessRelay(DEFAULT_AWARENESS_RELAY));
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("presence relay in batches", () => {
  it("sends everyone who arrived together in one message, encoded once, to every connection", () => {
    const document = new Document(NAME);
    const a = attach(document);
    const b = attach(document);
    const peers = Array.from({ length: 5 }, (_, i) => peer(document, a, { user: { name: `p${i}` } }));
    expect(a.sent).toHaveLength(0);
    vi.advanceTimersByTime(CHANGE_MS);
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(1);
    expect(b.sent[0]).toBe(a.sent[0]);
    const states = statesIn(b.sent[0]!);
    expect([...states.keys()].sort()).toEqual(peers.map((p) => p.id).sort());
    expect(states.get(peers[2]!.id)).toEqual({ user: { name: "p2" } });
    // The connection the presence came from owns those clients (removed with it when it closes).
    expect([...a.clients].sort()).toEqual(peers.map((p) => p.id).sort());
    expect(b.clients.size).toBe(0);
  });

  it("holds renewals of unchanged presence for the renewal delay, then sends them together", () => {
    const document = new Document(NAME);
    const watcher = attach(document);
    const from = attach(document);
    const peers = Array.from({ length: 4 }, (_, i) => peer(document, from, { user: { name: `r${i}` } }));
    vi.advanceTimersByTime(CHANGE_MS);
    watcher.sent.length = 0;
    for (const p of peers) p.renew();
    vi.advanceTimersByTime(RENEWAL_MS - 1);
    expect(watcher.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(watcher.sent).toHaveLength(1);
    expect(statesIn(watcher.sent[0]!).size).toBe(4);
  });

  it("sends a real change after the change delay, with any renewals waiting", () => {
    const document = new Document(NAME);
    const watcher = attach(document);
    const from = attach(document);
    const [first, second] = [peer(document, from, { cursor: 1 }), peer(document, from, { cursor: 2 })];
    vi.advanceTimersByTime(CHANGE_MS);
    watcher.sent.length = 0;
    first.renew();
    second.change({ cursor: 3 });
    vi.advanceTimersByTime(CHANGE_MS);
    expect(watcher.sent).toHaveLength(1);
    const states = statesIn(watcher.sent[0]!);
    expect(states.get(second.id)).toEqual({ cursor: 3 });
    expect(states.has(first.id)).toBe(true);
    // Nothing else is due.
    vi.advanceTimersByTime(RENEWAL_MS * 2);
    expect(watcher.sent).toHaveLength(1);
  });

  it("relays a departure as a change (state null) and forgets the client on its connection", () => {
    const document = new Document(NAME);
    const watcher = attach(document);
    const from = attach(document);
    const leaving = peer(document, from, { cursor: 1 });
    vi.advanceTimersByTime(CHANGE_MS);
    watcher.sent.length = 0;
    leaving.leave();
    vi.advanceTimersByTime(CHANGE_MS);
    expect(watcher.sent).toHaveLength(1);
    expect(statesIn(watcher.sent[0]!).get(leaving.id)).toBeNull();
    expect(from.clients.has(leaving.id)).toBe(false);
  });

  it("sends nothing once the document has no connections", () => {
    const document = new Document(NAME);
    const from = attach(document);
    peer(document, from, { cursor: 1 });
    document.connections.clear();
    vi.advanceTimersByTime(RENEWAL_MS);
    expect(from.sent).toHaveLength(0);
  });
});
