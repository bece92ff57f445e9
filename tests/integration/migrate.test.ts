// The migration runner (lib/db/migrate.ts) serves dev, tests, CI and production alike.
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { listMigrations, MIGRATIONS_DIR, migrateDatabase } from "../../lib/db/migrate.ts";
import { createScratchDatabase, type ScratchDatabase } from "../support/scratch-database.ts";

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const committed = listMigrations();
const tempDirs: string[] = [];

function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), "proofmark-migrations-"));
  tempDirs.push(dir);
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe("migration runner", () => {
  let database: ScratchDatabase;

  beforeEach(async () => {
    database = await createScratchDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });
  afterAll(() => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  it("applies every committed migration once and nothing on a second run", async () => {
    expect(committed.length).toBeGreaterThan(0);
    const first = await migrateDatabase(database.url);
    expect(first).toEqual(committed.map((migration) => migration.name));
    expect(await migrateDatabase(database.url)).toEqual([]);
    const rows = await query<{ count: string }>(database.url, `SELECT count(*) FROM "_prisma_migrations"`);
    expect(Number(rows[0]!.count)).toBe(committed.length);
  });

  it("records each migration in _prisma_migrations with the sha256 of its file", async () => {
    await migrateDatabase(database.url);
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      database.url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(committed.map((migration) => migration.name));
    for (const row of rows) {
      const file = readFileSync(join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("refuses to continue when an applied migration was edited afterwards", async () => {
    const dir = copyOfMigrations();
    await migrateDatabase(database.url, { dir });
    appendFileSync(join(dir, committed[0]!.name, "migration.sql"), "\n-- edited after the fact\n");
    await expect(migrateDatabase(database.url, { dir })).rejects.toThrow(/was edited after it was applied/);
  });

  it("applies a new migration after the applied ones, and rolls a failing one back entirely", async () => {
    const dir = copyOfMigrations();
    await migrateDatabase(database.url);
    mkdirSync(join(dir, "29990101000000_add_flag"));
    writeFileSync(
      join(dir, "29990101000000_add_flag", "migration.sql"),
      `ALTER TABLE "Team" ADD COLUMN "flag" BOOLEAN;`,
    );
    expect(await migrateDatabase(database.url, { dir })).toEqual(["29990101000000_add_flag"]);

    mkdirSync(join(dir, "29990102000000_broken"));
    writeFileSync(
      join(dir, "29990102000000_broken", "migration.sql"),
      `CREATE TABLE "HalfDone" ("id" INT);\nSELECT * FROM "no_such_table";`,
    );
    await expect(migrateDatabase(database.url, { dir })).rejects.toThrow(/29990102000000_broken failed/);
    const tables = await query(database.url, `SELECT 1 FROM pg_tables WHERE tablename = 'HalfDone'`);
    expect(tables).toHaveLength(0);
    const recorded = await query(
      database.url,
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990102000000_broken'`,
    );
    expect(recorded).toHaveLength(0);
  });

  it("lets two processes migrate the same database at once without applying anything twice", async () => {
    const results = await Promise.all([migrateDatabase(database.url), migrateDatabase(database.url)]);
    expect(results.flat().sort()).toEqual(committed.map((migration) => migration.name).sort());
  });

  it("makes AuditEvent append-only: the database refuses UPDATE and DELETE", async () => {
    await migrateDatabase(database.url);
    await query(
      database.url,
      `INSERT INTO "AuditEvent" (action, "entityType", "entityId") VALUES ('test.created', 'Test', '1')`,
    );
    await expect(query(database.url, `UPDATE "AuditEvent" SET action = 'tampered'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(query(database.url, `DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    const rows = await query<{ action: string }>(database.url, `SELECT action FROM "AuditEvent"`);
    expect(rows).toEqual([{ action: "test.created" }]);
  });
});
