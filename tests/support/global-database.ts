// Starts the test PostgreSQL once per run: the server named by TEST_DATABASE_URL or
// DATABASE_URL, or an embedded one when neither is set, so `npm test` works on a machine with
// nothing installed. It migrates a template database; each integration test file then gets its
// own copy (per-file-database.ts). The e2e setup (global-e2e.ts) reuses startTestDatabaseServer.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../lib/db/embedded.ts";
import { migrateDatabase } from "../../lib/db/migrate.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplateDatabase: string;
  }
}

/** The URL of another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs statements against the server's maintenance database. */
export async function onServer(serverUrl: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface TestDatabaseServer {
  serverUrl: string;
  templateDatabase: string;
  teardown(): Promise<void>;
}

/** Starts (or connects to) the test server and migrates a fresh template database on it. */
export async function startTestDatabaseServer(label: string): Promise<TestDatabaseServer> {
  const template = `proofmark_${label}_template_${process.pid}`;
  let serverUrl: string;
  let stop: (() => Promise<void>) | undefined;
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) {
    serverUrl = withDatabase(configured, "postgres");
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), "proofmark-test-pg-"));
    const embedded = await startEmbeddedPostgres({ dataDir, database: "postgres", persistent: false });
    serverUrl = embedded.serverUrl;
    stop = async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  await onServer(serverUrl, `DROP DATABASE IF EXISTS "${template}"`, `CREATE DATABASE "${template}"`);
  await migrateDatabase(withDatabase(serverUrl, template));
  return {
    serverUrl,
    templateDatabase: template,
    teardown: async () => {
      await onServer(serverUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(() => {});
      await stop?.();
    },
  };
}

export default async function setup(project: TestProject) {
  const server = await startTestDatabaseServer(project.name);
  project.provide("pgServerUrl", server.serverUrl);
  project.provide("pgTemplateDatabase", server.templateDatabase);
  return server.teardown;
}
