// `npm run dev` (tsx scripts/start.ts --dev) and `npm start` (tsx scripts/start.ts).
//
// It first loads .env files like Next (.env.local, .env; the real environment wins) and checks
// every variable against lib/config/env.ts, stopping with one line per bad variable. Without DATABASE_URL it runs an embedded PostgreSQL with its data in .data/postgres; it
// always applies the committed migrations; it seeds the demo team in development on the
// embedded database, or whenever --seed / SEED_DEMO=1 asks for it; then it starts the one
// HTTP server (Next.js and the /collab websocket, server.ts).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InvalidEnvironmentError, loadEnvironment, setComputedEnvironment } from "../lib/config/load-env.ts";
import { DATA_DIR, type LocalDatabase, openLocalDatabase } from "./local-database.ts";

type ProofmarkServer = Awaited<ReturnType<typeof import("../server.ts").startProofmarkServer>>;

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const log = (line: string) => console.log(`[proofmark] ${line}`);

function fail(message: string): never {
  console.error(`[proofmark] ${message}`);
  process.exit(1);
}

// Before anything reads a variable: .env files in, every value checked.
try {
  const { files } = loadEnvironment({ dir: process.cwd(), dev });
  if (files.length > 0) log(`environment from ${files.join(", ")}`);
} catch (error) {
  if (error instanceof InvalidEnvironmentError) fail(error.message);
  throw error;
}
const seedRequested = args.has("--seed") || process.env.SEED_DEMO === "1";
const port = Number.parseInt(process.env.PORT ?? "3000", 10);

// Signing keys must survive restarts (or every session ends), so a generated one is kept
// in .data, which is git-ignored.
function ensureAuthSecret(): void {
  if (process.env.NEXTAUTH_SECRET) return;
  const file = join(DATA_DIR, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  setComputedEnvironment({ NEXTAUTH_SECRET: readFileSync(file, "utf8").trim() });
  if (!dev) {
    console.warn(
      `[proofmark] WARNING: NEXTAUTH_SECRET is not set; using the generated secret in ${file}. ` +
        "Set NEXTAUTH_SECRET in production (and the same value on every instance).",
    );
  }
}

async function main(): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    fail(`PORT must be a port number, got ${process.env.PORT}`);
  // Next reads NODE_ENV when it loads; set it before anything imports it.
  setComputedEnvironment({ NODE_ENV: dev ? "development" : "production" });
  if (!dev && !existsSync(join(process.cwd(), ".next", "BUILD_ID"))) {
    fail("no production build found: run `npm run build` first (or `npm run dev` for development)");
  }
  ensureAuthSecret();
  if (!process.env.NEXTAUTH_URL) setComputedEnvironment({ NEXTAUTH_URL: `http://localhost:${port}` });

  let database: LocalDatabase | undefined;
  let server: ProofmarkServer | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    try {
      await server?.close();
      const { disconnectDb } = await import("../lib/db.ts");
      await disconnectDb();
    } catch (error) {
      console.error("[proofmark] error while closing the server:", error);
    }
    await database?.stop().catch((error) => console.error("[proofmark] error stopping PostgreSQL:", error));
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    database = await openLocalDatabase({ log });
    setComputedEnvironment({ DATABASE_URL: database.url });

    const { migrateDatabase } = await import("../lib/db/migrate.ts");
    const applied = await migrateDatabase(database.url, { log });
    log(applied.length > 0 ? `applied ${applied.length} migration(s)` : "database schema is up to date");

    if ((dev && database.embedded) || seedRequested) {
      const { printDemoAccounts, seedDemo } = await import("../prisma/seed.ts");
      await seedDemo();
      printDemoAccounts(log);
    }

    // Loaded only now, after the environment (NODE_ENV, DATABASE_URL, secrets) is set.
    const { startProofmarkServer } = await import("../server.ts");
    server = await startProofmarkServer({ port, hostname: process.env.HOST, dev });
    log(`${dev ? "development" : "production"} server ready on ${server.url}`);
  } catch (error) {
    console.error("[proofmark] failed to start:", error);
    await server?.close().catch(() => {});
    await database?.stop().catch(() => {});
    process.exit(1);
  }
}

await main();
