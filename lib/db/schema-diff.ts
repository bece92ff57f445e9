// Renders the SQL that turns one Prisma schema into another, offline.
//
// Prisma 7's CLI downloads a native schema engine on every command, which these machines
// cannot reach. Prisma 6.19's CLI (installed as the `prisma6` alias) diffs schemas with a
// WebAssembly engine instead, given a driver adapter config (prisma/migrate-diff.config.ts).
// Two quirks: Prisma 6 needs `url = env("DATABASE_URL")` in the datasource block (Prisma 7
// forbids it, so we add it to a temporary copy), and it connects to DATABASE_URL even for a
// schema-to-schema diff, so the caller must name a reachable PostgreSQL.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const PROJECT_ROOT = process.cwd();
const PRISMA6_CLI = join(PROJECT_ROOT, "node_modules", "prisma6", "build", "index.js");
const DIFF_CONFIG = join(PROJECT_ROOT, "prisma", "migrate-diff.config.ts");

/** Adds `url = env("DATABASE_URL")` to the datasource block, which Prisma 6 requires. */
export function withDatasourceUrl(schema: string): string {
  if (/datasource\s+\w+\s*\{[^}]*\burl\s*=/.test(schema)) return schema;
  return schema.replace(/(datasource\s+\w+\s*\{)/, `$1\n  url = env("DATABASE_URL")`);
}

/**
 * Returns the SQL script that migrates a database from `from` (a schema file, or "empty")
 * to the schema file `to`; Prisma's "-- This is an empty migration." when they agree.
 * @throws when the Prisma 6 CLI fails (invalid schema, unreachable databaseUrl).
 */
export async function renderSchemaSql(options: {
  from: string | "empty";
  to: string;
  databaseUrl: string;
  /** Schema text instead of reading `from` from disk (e.g. from `git show`). */
  fromText?: string;
}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "proofmark-schema-diff-"));
  try {
    const stub = join(dir, "schema-engine-stub");
    writeFileSync(stub, "#!/bin/sh\necho 'schema engine stub: not used by migrate diff' >&2\nexit 1\n");
    chmodSync(stub, 0o755);
    const dummyLibrary = join(dir, "query-engine-stub.node");
    writeFileSync(dummyLibrary, "");

    const toPath = join(dir, "to.prisma");
    writeFileSync(toPath, withDatasourceUrl(readFileSync(resolve(options.to), "utf8")));
    const args = [PRISMA6_CLI, "migrate", "diff", "--config", DIFF_CONFIG];
    if (options.from === "empty" && options.fromText === undefined) {
      args.push("--from-empty");
    } else {
      const fromPath = join(dir, "from.prisma");
      const fromText = options.fromText ?? readFileSync(resolve(options.from), "utf8");
      writeFileSync(fromPath, withDatasourceUrl(fromText));
      args.push("--from-schema-datamodel", fromPath);
    }
    args.push("--to-schema-datamodel", toPath, "--script");

    const { code, stdout, stderr } = await run(process.execPath, args, {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PRISMA_QUERY_ENGINE_LIBRARY: dummyLibrary,
      PRISMA_SCHEMA_ENGINE_BINARY: stub,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    });
    if (code !== 0) throw new Error(`prisma migrate diff failed (exit ${code}):\n${stderr}\n${stdout}`);
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when Prisma rendered no statements (the two schemas agree). */
export function isEmptyMigration(sql: string): boolean {
  return (
    sql
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("--")).length === 0
  );
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolveRun({ code, stdout, stderr }));
  });
}
