// Starts the production server (server.ts on a `next build`) in a child process and reads its
// memory and CPU over IPC.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

export interface ServerStats {
  memory: NodeJS.MemoryUsage;
  /** Cumulative CPU time of the server process in microseconds. */
  cpu: NodeJS.CpuUsage;
}

/** Heap plus memory outside it that JS objects hold (socket buffers, Yjs Uint8Arrays). */
export function usedMemory(stats: ServerStats): number {
  return stats.memory.heapUsed + stats.memory.external;
}

/**
 * Memory per connection between two readings taken after forced collections (`stats({gc: true})`),
 * with `count` more connections open at `after` than at `before` and nothing else loaded between.
 */
export function memoryPerConnection(
  before: ServerStats,
  after: ServerStats,
  count: number,
): { used: number; heap: number; rss: number } {
  return {
    used: (usedMemory(after) - usedMemory(before)) / count,
    heap: (after.memory.heapUsed - before.memory.heapUsed) / count,
    rss: (after.memory.rss - before.memory.rss) / count,
  };
}

export interface BenchServer {
  url: string;
  wsUrl: string;
  pid: number;
  /** The server's memory and CPU; with gc, after two full garbage collections. */
  stats(options?: { gc?: boolean }): Promise<ServerStats>;
  stop(): Promise<void>;
}

/**
 * Spawns bench/workers/server-process.ts with the environment of the benchmark database.
 * BENCH_SERVER_NODE_FLAGS (space-separated) adds node flags to it, e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/prof` to profile the server while a benchmark runs.
 * @throws Error when the server does not report ready within two minutes or exits
 */
export async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--expose-gc",
      ...(process.env.BENCH_SERVER_NODE_FLAGS ?? "").split(" ").filter(Boolean),
      "--import",
      "tsx",
      join(import.meta.dirname, "..", "workers", "server-process.ts"),
    ],
    {
      cwd: join(import.meta.dirname, "..", ".."),
      env: { ...process.env, ...env, NODE_ENV: "production" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start within 120 s")), 120_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before it was ready`));
    });
    child.on("message", (message: { type: string; port?: number }) => {
      if (message.type === "ready" && message.port) {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
  });
  let nextId = 1;
  const waiting = new Map<number, (stats: ServerStats) => void>();
  child.on("message", (message: { type: string; id?: number } & ServerStats) => {
    if (message.type === "stats" && message.id !== undefined) {
      waiting.get(message.id)?.({ memory: message.memory, cpu: message.cpu });
      waiting.delete(message.id);
    }
  });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    pid: child.pid ?? -1,
    stats({ gc = false } = {}) {
      if (exited) return Promise.reject(new Error("the server process has exited"));
      const id = nextId++;
      return new Promise<ServerStats>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error("server stats timed out"));
        }, 30_000);
        waiting.set(id, (stats) => {
          clearTimeout(timer);
          resolve(stats);
        });
        child.send({ type: "stats", id, gc });
      });
    },
    async stop() {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.send({ type: "stop" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await done;
      clearTimeout(timer);
    },
  };
}
