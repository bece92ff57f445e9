// The parent side of bench/workers/client-worker.ts: a pool of load-generator processes.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { WatchSpec, WorkerMessage, WorkerRequest } from "../workers/client-worker.ts";

export interface ConnectResult {
  ok: number;
  failed: number;
  /** Wall time until every worker had connected all its clients. */
  ms: number;
  errors: string[];
}

export interface ClientPool {
  size: number;
  /** Spreads clients round-robin over the workers and connects them. */
  connect(
    url: string,
    clients: Array<{ cookie: string; documents: string[] }>,
    watch: WatchSpec[],
    options?: { concurrency?: number; timeoutMs?: number },
  ): Promise<ConnectResult>;
  /**
   * Resolves with every watching client's receive time (ns, CLOCK_MONOTONIC) of `key` in
   * `document`, or with what arrived by the timeout (fewer times than clients).
   */
  waitFor(document: string, key: string, clientCount: number, timeoutMs: number): Promise<bigint[]>;
  disconnect(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Forks `count` client workers.
 * @throws nothing (a worker that dies shows up as missing receipts and failed connects)
 */
export function startClientPool(count: number): ClientPool {
  const workers: ChildProcess[] = [];
  const arrived = new Map<string, bigint[]>();
  const listeners = new Map<string, () => void>();
  for (let i = 0; i < count; i++) {
    const worker = fork(join(import.meta.dirname, "..", "workers", "client-worker.ts"), [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    worker.on("message", (message: WorkerMessage) => {
      if (message.type !== "received") return;
      const id = `${message.document}\u0000${message.key}`;
      const times = arrived.get(id) ?? [];
      for (const time of message.times) times.push(BigInt(time));
      arrived.set(id, times);
      listeners.get(id)?.();
    });
    workers.push(worker);
  }

  const request = <T extends WorkerMessage["type"]>(
    worker: ChildProcess,
    message: WorkerRequest,
    answer: T,
    timeoutMs: number,
  ) =>
    new Promise<Extract<WorkerMessage, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.off("message", onMessage);
        reject(new Error(`worker did not answer ${message.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (reply: WorkerMessage) => {
        if (reply.type !== answer) return;
        clearTimeout(timer);
        worker.off("message", onMessage);
        resolve(reply as Extract<WorkerMessage, { type: T }>);
      };
      worker.on("message", onMessage);
      worker.send(message);
    });

  return {
    size: count,
    async connect(url, clients, watch, { concurrency = 25, timeoutMs = 30_000 } = {}) {
      const shares: Array<typeof clients> = workers.map(() => []);
      clients.forEach((client, i) => {
        shares[i % workers.length]!.push(client);
      });
      const started = performance.now();
      const replies = await Promise.all(
        workers.map((worker, i) =>
          shares[i]!.length === 0
            ? Promise.resolve({ type: "connected" as const, ok: 0, failed: 0, ms: 0, errors: [] })
            : request(
                worker,
                { type: "connect", url, clients: shares[i]!, watch, concurrency, timeoutMs },
                "connected",
                timeoutMs * Math.ceil(shares[i]!.length / concurrency) + 10_000,
              ),
        ),
      );
      return {
        ok: replies.reduce((sum, r) => sum + r.ok, 0),
        failed: replies.reduce((sum, r) => sum + r.failed, 0),
        ms: performance.now() - started,
        errors: replies.flatMap((r) => r.errors),
      };
    },
    waitFor(document, key, clientCount, timeoutMs) {
      const id = `${document}\u0000${key}`;
      return new Promise<bigint[]>((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(id);
          const times = arrived.get(id) ?? [];
          arrived.delete(id);
          resolve(times);
        };
        const timer = setTimeout(finish, timeoutMs);
        listeners.set(id, () => {
          if ((arrived.get(id)?.length ?? 0) >= clientCount) finish();
        });
        if ((arrived.get(id)?.length ?? 0) >= clientCount) finish();
      });
    },
    async disconnect() {
      await Promise.all(
        workers.map((worker) => request(worker, { type: "disconnect" }, "disconnected", 30_000)),
      );
    },
    async stop() {
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.exitCode !== null) return resolve();
              const timer = setTimeout(() => worker.kill("SIGKILL"), 5000);
              worker.once("exit", () => {
                clearTimeout(timer);
                resolve();
              });
              worker.disconnect();
            }),
        ),
      );
    },
  };
}
