// The processes of the load test: the server under load (fixtures/load-server.ts, with
// --expose-gc so its heap can be measured after forced garbage collection) and the websocket
// client workers (fixtures/load-client-worker.ts). Both exit when the test process goes away.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { LoadClientSpec, LoadWorkerMessage, LoadWorkerRequest } from "./fixtures/load-client-worker.ts";
import type { LoadServerMessage, LoadServerStats } from "./fixtures/load-server.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");

export interface LoadServer {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** ws://127.0.0.1:<port>/collab */
  wsUrl: string;
  /** Memory (after forced GC when `gc`) and live document/connection counts. */
  stats(gc: boolean): Promise<LoadServerStats>;
  /** Everything the server printed. */
  output(): string;
  stop(): Promise<void>;
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/** Asks a child to finish, then SIGKILLs it after `graceMs`. */
async function endChild(child: ChildProcess, ask: () => void, graceMs: number): Promise<void> {
  const exited = exitOf(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    ask();
  } catch {
    // The IPC channel is already closed; the kill below still ends it.
  }
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts the server under load with `env` (DATABASE_URL, NEXTAUTH_SECRET, COLLAB_* limits).
 * @throws Error when it is not listening within `readyTimeoutMs` or exits first
 */
export async function startLoadServer(
  env: Record<string, string>,
  readyTimeoutMs = 90_000,
): Promise<LoadServer> {
  const child = fork(join(FIXTURES, "load-server.ts"), [], {
    execArgv: ["--expose-gc", "--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the load server was not ready after ${readyTimeoutMs} ms:\n${output}`));
    }, readyTimeoutMs);
    child.on("message", (message: LoadServerMessage) => {
      if (message.type === "ready") {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the load server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
  let nextId = 1;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    output: () => output,
    stats(gc) {
      const id = nextId++;
      return new Promise<LoadServerStats>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.off("message", onMessage);
          reject(new Error("the load server did not report its stats within 30 s"));
        }, 30_000);
        const onMessage = (message: LoadServerMessage) => {
          if (message.type !== "stats" || message.id !== id) return;
          clearTimeout(timer);
          child.off("message", onMessage);
          const { type: _type, id: _id, ...stats } = message;
          resolve(stats);
        };
        child.on("message", onMessage);
        child.send({ type: "stats", id, gc });
      });
    },
    stop: () => endChild(child, () => child.send({ type: "stop" }), 15_000),
  };
}

export interface LoadClientPool {
  /** Spreads the clients over the workers and connects them (each syncs body and annotations). */
  connect(
    url: string,
    clients: LoadClientSpec[],
    timeoutMs: number,
  ): Promise<{ ok: number; errors: string[] }>;
  /** Every client annotates until `durationMs` has passed; the workers' results, merged. */
  annotate(
    request: Omit<Extract<LoadWorkerRequest, { type: "annotate" }>, "type">,
  ): Promise<Omit<Extract<LoadWorkerMessage, { type: "annotated" }>, "type">>;
  /** Compares every client's Y.Map with the expected ids per article (waiting up to timeoutMs). */
  verify(
    expected: Record<string, string[]>,
    timeoutMs: number,
  ): Promise<Omit<Extract<LoadWorkerMessage, { type: "verified" }>, "type">>;
  /** Closes every client; returns the unexpected connection events seen until then. */
  disconnect(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Forks `count` client worker processes. */
export function startLoadClientPool(count: number): LoadClientPool {
  const workers = Array.from({ length: count }, () =>
    fork(join(FIXTURES, "load-client-worker.ts"), [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );

  function ask<T extends LoadWorkerMessage["type"]>(
    worker: ChildProcess,
    message: LoadWorkerRequest,
    answer: T,
    timeoutMs: number,
  ): Promise<Extract<LoadWorkerMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.off("message", onMessage);
        reject(new Error(`a client worker did not answer ${message.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (reply: LoadWorkerMessage) => {
        if (reply.type !== answer) return;
        clearTimeout(timer);
        worker.off("message", onMessage);
        resolve(reply as Extract<LoadWorkerMessage, { type: T }>);
      };
      worker.on("message", onMessage);
      worker.send(message);
    });
  }

  return {
    async connect(url, clients, timeoutMs) {
      const replies = await Promise.all(
        workers.map((worker, w) =>
          ask(
            worker,
            { type: "connect", url, clients: clients.filter((_, i) => i % workers.length === w), timeoutMs },
            "connected",
            timeoutMs + 60_000,
          ),
        ),
      );
      return { ok: replies.reduce((sum, r) => sum + r.ok, 0), errors: replies.flatMap((r) => r.errors) };
    },
    async annotate(request) {
      const replies = await Promise.all(
        workers.map((worker) =>
          ask(worker, { type: "annotate", ...request }, "annotated", request.durationMs + 180_000),
        ),
      );
      const statuses: Record<number, number> = {};
      for (const reply of replies) {
        for (const [status, n] of Object.entries(reply.statuses)) {
          statuses[Number(status)] = (statuses[Number(status)] ?? 0) + n;
        }
      }
      return {
        requests: replies.reduce((sum, r) => sum + r.requests, 0),
        created: replies.flatMap((r) => r.created),
        statuses,
        requestErrors: replies.flatMap((r) => r.requestErrors),
      };
    },
    async verify(expected, timeoutMs) {
      const replies = await Promise.all(
        workers.map((worker) =>
          ask(worker, { type: "verify", expected, timeoutMs }, "verified", timeoutMs + 30_000),
        ),
      );
      return {
        checked: replies.reduce((sum, r) => sum + r.checked, 0),
        mismatches: replies.flatMap((r) => r.mismatches),
        events: replies.flatMap((r) => r.events),
      };
    },
    async disconnect() {
      const replies = await Promise.all(
        workers.map((worker) => ask(worker, { type: "disconnect" }, "disconnected", 30_000)),
      );
      return replies.flatMap((r) => r.events);
    },
    async stop() {
      await Promise.all(workers.map((worker) => endChild(worker, () => worker.disconnect(), 5000)));
    },
  };
}
