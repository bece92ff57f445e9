// `npm run db:migration:new -- <name> [--from <old schema file>]`
//
// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with the SQL that turns the
// committed schema (`git show HEAD:prisma/schema.prisma`, or --from) into the working
// prisma/schema.prisma. Prisma 6's CLI renders it offline (lib/db/schema-diff.ts); it needs
// a reachable PostgreSQL, so this uses DATABASE_URL or the embedded development database.
// Review the SQL, add what Prisma cannot express by hand, then commit it with the schema.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MIGRATIONS_DIR } from "../lib/db/migrate.ts";
import { isEmptyMigration, renderSchemaSql } from "../lib/db/schema-diff.ts";
import { openLocalDatabase } from "./local-database.ts";

const SCHEMA = join(process.cwd(), "prisma", "schema.prisma");
const usage = "usage: npm run db:migration:new -- <name> [--from <old schema.prisma>]";

function fail(message: string): never {
  console.error(`[db:migration:new] ${message}`);
  process.exit(1);
}

const argv = process.argv.slice(2);
let fromFile: string | undefined;
const names: string[] = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--from") fromFile = argv[++i] ?? fail(usage);
  else if (argv[i]?.startsWith("--")) fail(`unknown option ${argv[i]}\n${usage}`);
  else names.push(argv[i]!);
}
const name = names
  .join("_")
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_+|_+$/g, "");
if (!name) fail(usage);

let fromText: string;
if (fromFile) {
  if (!existsSync(fromFile)) fail(`no such file: ${fromFile}`);
  fromText = readFileSync(fromFile, "utf8");
} else {
  try {
    fromText = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
  } catch {
    fail("cannot read the committed schema (git show HEAD:prisma/schema.prisma); pass --from <file>");
  }
}

const pending = execFileSync("git", ["status", "--porcelain", "--", "prisma/migrations"], {
  encoding: "utf8",
});
if (pending.trim()) {
  console.warn(
    `[db:migration:new] note: uncommitted changes under prisma/migrations:\n${pending}` +
      "the new migration is diffed against the committed schema, so it may repeat them.",
  );
}

const database = await openLocalDatabase({ reuseRunning: true });
let sql: string;
try {
  sql = await renderSchemaSql({ from: fromFile ?? "HEAD", fromText, to: SCHEMA, databaseUrl: database.url });
} finally {
  await database.stop();
}
if (isEmptyMigration(sql))
  fail("prisma/schema.prisma does not differ from the committed schema: nothing to write");

const now = new Date();
const stamp = now
  .toISOString()
  .replace(/[-:T]/g, "")
  .replace(/\.\d+Z$/, "");
const dir = join(MIGRATIONS_DIR, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql.endsWith("\n") ? sql : `${sql}\n`);
console.log(`[db:migration:new] wrote ${join(dir, "migration.sql")}`);
console.log("Review it, add anything Prisma cannot express by hand, then commit it with the schema.");
