// In e2e test files, DATABASE_URL (read by lib/db.ts on first use) is the database the e2e
// server runs on, so a test can check with `db` what the browser did.
import { afterAll, inject } from "vitest";
import { disconnectDb } from "../../lib/db.ts";

process.env.DATABASE_URL = inject("e2eDatabaseUrl");

afterAll(async () => {
  await disconnectDb();
});
