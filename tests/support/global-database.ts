// Starts the test PostgreSQL once per run: the server named by DATABASE_URL, or an embedded
// one when it is unset, so `npm test` works on a machine with nothing installed. It migrates a
// template database; each test file then gets its own copy (per-file-database.ts).
import { mkdtempSync } from "node:fs";
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

const TEMPLATE = `proofmark_template_${process.pid}`;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  let serverUrl: string;
  let stop: (() => Promise<void>) | undefined;
  if (process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL) {
    serverUrl = withDatabase((process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL)!, "postgres");
  } else {
    const embedded = await startEmbeddedPostgres({
      dataDir: mkdtempSync(join(tmpdir(), "proofmark-test-pg-")),
      database: "postgres",
      persistent: false,
    });
    serverUrl = embedded.serverUrl;
    stop = embedded.stop;
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE}"`);
  await admin.query(`CREATE DATABASE "${TEMPLATE}"`);
  await migrateDatabase(withDatabase(serverUrl, TEMPLATE));
  await admin.end();
  project.provide("pgServerUrl", serverUrl);
  project.provide("pgTemplateDatabase", TEMPLATE);
  return async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${TEMPLATE}" WITH (FORCE)`).catch(() => {});
    await cleanup.end();
    await stop?.();
  };
}
