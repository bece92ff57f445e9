// Gives each test file a database of its own, copied from the migrated template, and points
// DATABASE_URL (read by lib/db.ts on first use) at it.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { disconnectDb } from "../../lib/db.ts";

const serverUrl = inject("pgServerUrl");
const template = inject("pgTemplateDatabase");
const name = `proofmark_test_${randomBytes(6).toString("hex")}`;

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
await admin.end();

const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.TEST_DATABASE_NAME = name;

afterAll(async () => {
  await disconnectDb();
  const cleanup = new pg.Client({ connectionString: serverUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  await cleanup.end();
});
