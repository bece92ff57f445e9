// Once per e2e run: the test PostgreSQL (global-database.ts), a database seeded with the demo
// data, and a production Proofmark server on a free port started the way users start it
// (`scripts/start.ts`). Tests get `baseUrl` and `e2eDatabaseUrl` through inject(). The server
// needs a production build (`npm test` runs `next build` first).
// One setup file does all of it because a second globalSetup cannot inject what a first provides.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { findFreePort } from "../../lib/db/embedded.ts";
import { onServer, startTestDatabaseServer, withDatabase } from "./global-database.ts";

/** The bearer token of the e2e server's /metrics. */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
  }
}

const READY_TIMEOUT_MS = 90_000;
const LOG_DIR = join(process.cwd(), "test-results");

async function seedDatabase(url: string): Promise<void> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    const { seedDemo } = await import("../../prisma/seed.ts");
    await seedDemo();
  } finally {
    const { disconnectDb } = await import("../../lib/db.ts");
    await disconnectDb();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}

// Ready when the health route answers 2xx. Until that route exists, any answer from `/`
// after the health route's 404 counts too.
async function isReady(baseUrl: string): Promise<boolean> {
  try {
    const health = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(5000) });
    if (health.ok) return true;
    if (health.status !== 404) return false;
    await fetch(`${baseUrl}/`, { redirect: "manual", signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

async function waitForServer(child: ChildProcess, baseUrl: string, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the e2e server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`,
      );
    }
    if (await isReady(baseUrl)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the e2e server was not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

export default async function setup(project: TestProject) {
  if (!existsSync(join(process.cwd(), ".next", "BUILD_ID"))) {
    throw new Error("e2e tests need a production build: run `npm run build` (npm test does it for you)");
  }
  const database = await startTestDatabaseServer("e2e");
  const e2eDatabase = `proofmark_e2e_${process.pid}`;
  const databaseUrl = withDatabase(database.serverUrl, e2eDatabase);
  let child: ChildProcess | undefined;
  const teardown = async () => {
    if (child) await stopServer(child);
    await onServer(database.serverUrl, `DROP DATABASE IF EXISTS "${e2eDatabase}" WITH (FORCE)`).catch(
      () => {},
    );
    await database.teardown();
  };

  try {
    await onServer(
      database.serverUrl,
      `DROP DATABASE IF EXISTS "${e2eDatabase}" WITH (FORCE)`,
      `CREATE DATABASE "${e2eDatabase}" TEMPLATE "${database.templateDatabase}"`,
    );
    await seedDatabase(databaseUrl);

    const port = await findFreePort();
    const baseUrl = `http://localhost:${port}`;
    mkdirSync(LOG_DIR, { recursive: true });
    const logFile = join(LOG_DIR, "e2e-server.log");
    const log = createWriteStream(logFile);
    let recent = "";
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      recent = (recent + chunk.toString()).slice(-8000);
    };
    // The start script sets NODE_ENV itself (production), and the test data is seeded above.
    const env: Record<string, string | undefined> = { ...process.env };
    delete env.NODE_ENV;
    delete env.SEED_DEMO;
    const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: process.cwd(),
      env: {
        ...env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
        NEXTAUTH_URL: baseUrl,
        NEXT_TELEMETRY_DISABLED: "1",
        // /metrics is served (behind this token) so that tests/e2e/observability.test.ts can read it.
        METRICS_TOKEN: E2E_METRICS_TOKEN,
      } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = server;
    server.stdout?.on("data", keep);
    server.stderr?.on("data", keep);
    server.once("exit", () => log.end());
    await waitForServer(server, baseUrl, () => `${recent}\n(full log: ${logFile})`);

    project.provide("pgServerUrl", database.serverUrl);
    project.provide("pgTemplateDatabase", database.templateDatabase);
    project.provide("e2eDatabaseUrl", databaseUrl);
    project.provide("baseUrl", baseUrl);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
