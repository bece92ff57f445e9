// The database the scripts use: DATABASE_URL when it is set, otherwise the embedded
// PostgreSQL whose data lives in .data/postgres (started here, or reused when a dev server
// already runs it).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/db/embedded.ts";

export const DATA_DIR = join(process.cwd(), ".data");
export const EMBEDDED_DATA_DIR = join(DATA_DIR, "postgres");
export const EMBEDDED_DATABASE = "proofmark";
// The credentials lib/db/embedded.ts gives the embedded server.
const EMBEDDED_CREDENTIALS = "postgres:proofmark-local";

export interface LocalDatabase {
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

// A dev server already running on .data/postgres: reuse it rather than take its data
// directory away (startEmbeddedPostgres would stop it as an orphan).
async function runningEmbeddedUrl(): Promise<string | null> {
  const pidFile = join(EMBEDDED_DATA_DIR, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (!Number.isFinite(port)) return null;
  const url = `postgresql://${EMBEDDED_CREDENTIALS}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    await client.end().catch(() => {});
    return null;
  }
}

/**
 * Opens the database named by DATABASE_URL, or the embedded one in .data/postgres.
 * @throws when the embedded server cannot start.
 */
export async function openLocalDatabase(
  options: { reuseRunning?: boolean; log?: (line: string) => void } = {},
): Promise<LocalDatabase> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  if (options.reuseRunning) {
    const url = await runningEmbeddedUrl();
    if (url) {
      options.log?.("using the embedded PostgreSQL of the running dev server");
      return { url, embedded: true, stop: async () => {} };
    }
  }
  const server = await startEmbeddedPostgres({
    dataDir: EMBEDDED_DATA_DIR,
    database: EMBEDDED_DATABASE,
    persistent: true,
    log: options.log,
  });
  return { url: server.url, embedded: true, stop: server.stop };
}
