// Fault tests: a collaboration server in a child process (tests/support/fixtures/collab-child.ts)
// that a test can SIGKILL or SIGTERM and start again on the same port, and provider clients that
// keep reconnecting (exponential backoff with jitter, as the browser's provider does).
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { COLLAB_PATH } from "../../lib/collab/upgrade.ts";
import { ensureAuthSecret } from "./collab-fixtures.ts";

const CHILD_SCRIPT = join(import.meta.dirname, "fixtures", "collab-child.ts");
const READY_TIMEOUT_MS = 60_000;

export interface CollabChild {
  port: number;
  /** ws://127.0.0.1:<port>/collab */
  url: string;
  process: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the child printed so far. */
  output(): string;
  /** Sends SIGKILL and waits for the exit. */
  kill(): Promise<void>;
  /** Sends SIGTERM and waits (bounded; then SIGKILL) for the exit. */
  terminate(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the collaboration server in a child process on `port` (0 = a free one); resolves once it listens. */
export async function startCollabChild(options: {
  databaseUrl: string;
  port?: number;
  debounceMs?: number;
  maxDebounceMs?: number;
  /** Scale-out mode: the Redis URL and key prefix the child shares live documents through. */
  redis?: { url: string; prefix: string };
}): Promise<CollabChild> {
  const secret = ensureAuthSecret();
  const child = spawn(process.execPath, ["--import", "tsx", CHILD_SCRIPT], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_SECRET: secret,
      PORT: String(options.port ?? 0),
      COLLAB_DEBOUNCE_MS: String(options.debounceMs ?? 200),
      COLLAB_MAX_DEBOUNCE_MS: String(options.maxDebounceMs ?? 1000),
      REDIS_URL: options.redis?.url ?? "",
      COLLAB_REDIS_PREFIX: options.redis?.prefix ?? "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the collab child was not ready after ${READY_TIMEOUT_MS} ms:\n${output}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the collab child exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    port,
    url: `ws://127.0.0.1:${port}${COLLAB_PATH}`,
    process: child,
    exited,
    output: () => output,
    async kill() {
      if (alive()) child.kill("SIGKILL");
      await exited;
    },
    async terminate(timeoutMs = 20_000) {
      if (alive()) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

export interface ReconnectingClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** How many times the provider has authenticated (1 after the first connection). */
  authentications(): number;
  /** How many times its connection has closed. */
  disconnections(): number;
  destroy(): void;
}

// The provider constructs `new WebSocketPolyfill(url)`; Node's ws takes headers as a third argument.
function webSocketWithCookie(cookie: string) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  };
}

/**
 * A provider that never gives up reconnecting: exponential backoff (factor 2) with jitter,
 * between 100 ms and 1 s here so a test stays short (the browser's defaults are longer).
 */
export function connectReconnectingClient(url: string, name: string, cookie: string): ReconnectingClient {
  const doc = new Y.Doc();
  let authentications = 0;
  let disconnections = 0;
  const socket = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: webSocketWithCookie(cookie),
    maxAttempts: 0,
    delay: 100,
    minDelay: 100,
    maxDelay: 1000,
    factor: 2,
    jitter: true,
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    onAuthenticated: () => {
      authentications += 1;
    },
    onClose: () => {
      disconnections += 1;
    },
  });
  provider.attach();
  return {
    doc,
    provider,
    socket,
    authentications: () => authentications,
    disconnections: () => disconnections,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Waits until `condition` holds (polling, async allowed); throws with `message` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  message: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
