// A load generator process: hosts many real Hocuspocus providers (one websocket per client,
// several documents per socket, as the browser app does) and reports over IPC when every one
// of its clients holds a given key of a watched Y.Map. Receive times are
// process.hrtime.bigint() values: CLOCK_MONOTONIC, one clock shared by every process on the
// machine, so the parent compares them with its own send times directly.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";

export interface WatchSpec {
  /** Live document name. */
  document: string;
  /** The Y.Map to watch in it. */
  map: string;
}

export type WorkerRequest =
  | {
      type: "connect";
      url: string;
      /** One entry per client: its cookie and the documents its one socket opens. */
      clients: Array<{ cookie: string; documents: string[] }>;
      watch: WatchSpec[];
      /** Clients connecting at the same time. */
      concurrency: number;
      timeoutMs: number;
    }
  | { type: "disconnect" };

export type WorkerMessage =
  | { type: "connected"; ok: number; failed: number; ms: number; errors: string[] }
  | { type: "received"; document: string; key: string; times: string[] }
  | { type: "disconnected" };

interface Client {
  socket: HocuspocusProviderWebsocket;
  providers: HocuspocusProvider[];
}

const clients: Client[] = [];
// document → key → receive times (ns) of the clients watching it
const received = new Map<string, Map<string, bigint[]>>();
const watchers = new Map<string, number>();

function send(message: WorkerMessage): void {
  process.send?.(message);
}

function cookieSocket(cookie: string) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  };
}

function record(document: string, key: string, time: bigint): void {
  let keys = received.get(document);
  if (!keys) {
    keys = new Map();
    received.set(document, keys);
  }
  let times = keys.get(key);
  if (!times) {
    times = [];
    keys.set(key, times);
  }
  times.push(time);
  if (times.length === watchers.get(document)) {
    send({ type: "received", document, key, times: times.map(String) });
    keys.delete(key);
  }
}

function connectOne(url: string, cookie: string, documents: string[], watch: WatchSpec[], timeoutMs: number) {
  const socket = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: cookieSocket(cookie),
    maxAttempts: 1,
  });
  const providers: HocuspocusProvider[] = [];
  const synced: Promise<void>[] = [];
  for (const name of documents) {
    const doc = new Y.Doc();
    const spec = watch.find((w) => w.document === name);
    if (spec) {
      watchers.set(name, (watchers.get(name) ?? 0) + 1);
      const map = doc.getMap(spec.map);
      const seen = new Set<string>();
      map.observe((event) => {
        const now = process.hrtime.bigint();
        for (const key of event.keysChanged) {
          if (seen.has(key) || !map.has(key)) continue;
          seen.add(key);
          record(name, key, now);
        }
      });
    }
    let settle: (error?: string) => void = () => {};
    synced.push(
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`sync of ${name} timed out`)), timeoutMs);
        settle = (error) => {
          clearTimeout(timer);
          if (error) reject(new Error(error));
          else resolve();
        };
      }),
    );
    const done = settle;
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: doc,
      onSynced: () => done(),
      onAuthenticationFailed: ({ reason }) => done(`authentication failed: ${reason}`),
    });
    provider.attach();
    providers.push(provider);
  }
  clients.push({ socket, providers });
  return Promise.all(synced);
}

process.on("message", async (request: WorkerRequest) => {
  if (request.type === "connect") {
    const started = performance.now();
    const errors: string[] = [];
    let ok = 0;
    let failed = 0;
    const queue = [...request.clients];
    const runners = Array.from({ length: Math.max(1, request.concurrency) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          await connectOne(request.url, next.cookie, next.documents, request.watch, request.timeoutMs);
          ok++;
        } catch (error) {
          failed++;
          if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    });
    await Promise.all(runners);
    send({ type: "connected", ok, failed, ms: performance.now() - started, errors });
  } else if (request.type === "disconnect") {
    for (const client of clients.splice(0)) {
      for (const provider of client.providers) provider.destroy();
      client.socket.destroy();
    }
    send({ type: "disconnected" });
  }
});

process.on("disconnect", () => process.exit(0));
// A provider's own connection attempt (maxAttempts: 1) rejects a promise nobody holds when its
// websocket fails; that client's sync times out and is counted as failed, the worker goes on.
let failedAttempts = 0;
process.on("unhandledRejection", () => {
  if (failedAttempts++ === 0) console.error("[bench client] a websocket connection attempt failed");
});
