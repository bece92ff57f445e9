// The committed SQL migrations must build exactly the database that prisma/schema.prisma
// describes. Database A: every migration applied by our runner. Database B: the SQL Prisma
// renders for the schema from scratch. Their catalogs must agree, except for what the
// migrations add by hand on purpose (the AuditEvent append-only trigger, the publication-change
// signal) and the runner's
// bookkeeping table.
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../../lib/db/migrate.ts";
import { isEmptyMigration, renderSchemaSql } from "../../lib/db/schema-diff.ts";
import { type Catalog, type CatalogSection, diffCatalogs, readCatalog } from "../support/schema-catalog.ts";
import { createScratchDatabase, type ScratchDatabase } from "../support/scratch-database.ts";

const SCHEMA = join(process.cwd(), "prisma", "schema.prisma");

// Objects the migrations add on purpose that Prisma's schema language cannot express.
function isHandWritten(section: CatalogSection, line: string): boolean {
  if (line.includes("_prisma_migrations")) return true;
  if (section === "triggers" && line.includes('"AuditEvent_append_only"')) return true;
  if (section === "functions" && line.startsWith("proofmark_audit_event_append_only(")) return true;
  // The publication-change signal of the public pages' cache (lib/publications/public-page-cache.ts).
  if (section === "triggers" && line.includes('"Publication_changed"')) return true;
  if (section === "functions" && line.startsWith("proofmark_publication_changed(")) return true;
  // At most one open blind round per article (a partial unique index).
  if (line.includes('"Round_one_open_per_article"')) return true;
  return false;
}

// Covering columns the migrations add to an index on purpose (INCLUDE, which Prisma's schema
// language cannot express): compared without them, and checked to be there.
const HAND_WRITTEN_INCLUDES: Record<string, string> = {
  Annotation_articleId_start_idx: ' INCLUDE ("end", id, "authorId", label, status, orphaned, "deletedAt")',
};

function withoutHandWrittenIncludes(catalog: Catalog): Catalog {
  const indexes = catalog.indexes.map((line) => {
    for (const [name, include] of Object.entries(HAND_WRITTEN_INCLUDES))
      if (line.startsWith(`CREATE INDEX "${name}" `) && line.endsWith(include))
        return line.slice(0, -include.length);
    return line;
  });
  return { ...catalog, indexes };
}

async function execute(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("schema drift", () => {
  let migrated: ScratchDatabase;
  let fromSchema: ScratchDatabase;
  let migratedCatalog: Catalog;

  beforeAll(async () => {
    migrated = await createScratchDatabase();
    fromSchema = await createScratchDatabase();
    await migrateDatabase(migrated.url);
    const sql = await renderSchemaSql({ from: "empty", to: SCHEMA, databaseUrl: fromSchema.url });
    expect(isEmptyMigration(sql)).toBe(false);
    await execute(fromSchema.url, sql);
    migratedCatalog = await readCatalog(migrated.url, { ignore: isHandWritten });
  }, 120_000);

  afterAll(async () => {
    await migrated?.drop();
    await fromSchema?.drop();
  });

  it("the migrated database matches schema.prisma", async () => {
    const schemaCatalog = await readCatalog(fromSchema.url, { ignore: isHandWritten });
    expect(migratedCatalog.tables).toContain("AuditEvent");
    expect(migratedCatalog.enums).toContain("Label = FACT, OPINION, ADVOCACY");
    expect(
      diffCatalogs(withoutHandWrittenIncludes(migratedCatalog), schemaCatalog),
      "prisma/migrations does not build what prisma/schema.prisma describes: run `npm run db:migration:new -- <name>`",
    ).toEqual([]);
  });

  it("Prisma renders no further migration from the schema to itself", async () => {
    const sql = await renderSchemaSql({ from: SCHEMA, to: SCHEMA, databaseUrl: migrated.url });
    expect(isEmptyMigration(sql)).toBe(true);
  });

  it("the migrations keep the covering index columns the schema cannot express", async () => {
    for (const [name, include] of Object.entries(HAND_WRITTEN_INCLUDES)) {
      const line = migratedCatalog.indexes.find((index) => index.startsWith(`CREATE INDEX "${name}" `));
      expect(line, name).toBeDefined();
      expect(line!.endsWith(include), `${line} ends with${include}`).toBe(true);
    }
  });

  it("the migrations keep the AuditEvent append-only trigger the schema cannot express", async () => {
    const full = await readCatalog(migrated.url);
    expect(full.triggers.some((line) => line.includes('"AuditEvent_append_only"'))).toBe(true);
  });

  it("notices a column whose nullability or default drifted (the comparison can fail)", async () => {
    const drifted = await createScratchDatabase();
    try {
      await migrateDatabase(drifted.url);
      await execute(
        drifted.url,
        `ALTER TABLE "User" ALTER COLUMN "name" DROP NOT NULL;
         ALTER TABLE "Annotation" ALTER COLUMN "version" SET DEFAULT 2;
         CREATE INDEX "Extra_idx" ON "Team"("name");
         ALTER TYPE "Label" ADD VALUE 'SATIRE';`,
      );
      const differences = diffCatalogs(
        migratedCatalog,
        await readCatalog(drifted.url, { ignore: isHandWritten }),
      );
      // PostgreSQL 18 also lists NOT NULL as a constraint; older servers do not.
      expect(differences.map((difference) => difference.section)).toEqual(
        expect.arrayContaining(["columns", "enums", "indexes"]),
      );
      const columns = differences.find((difference) => difference.section === "columns")!;
      expect(columns.onlyInRight).toEqual(
        expect.arrayContaining(["User.name text NULL", "Annotation.version integer NOT NULL DEFAULT 2"]),
      );
    } finally {
      await drifted.drop();
    }
  });

  it("diffCatalogs reports lines present on one side only", () => {
    const empty: Catalog = {
      tables: [],
      columns: [],
      enums: [],
      indexes: [],
      constraints: [],
      triggers: [],
      functions: [],
      sequences: [],
    };
    const left = { ...empty, tables: ["A", "B"], constraints: ["A A_pkey PRIMARY KEY (id)"] };
    const right = { ...empty, tables: ["B", "C"], constraints: ["A A_pkey PRIMARY KEY (id)"] };
    expect(diffCatalogs(left, left)).toEqual([]);
    expect(diffCatalogs(left, right)).toEqual([{ section: "tables", onlyInLeft: ["A"], onlyInRight: ["C"] }]);
  });
});
