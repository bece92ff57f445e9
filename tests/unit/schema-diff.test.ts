import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isEmptyMigration, withDatasourceUrl } from "../../lib/db/schema-diff.ts";

describe("withDatasourceUrl", () => {
  it("adds the url Prisma 6 needs to the datasource block, once", () => {
    const schema =
      'generator client {\n  provider = "prisma-client"\n}\n\ndatasource db {\n  provider = "postgresql"\n}\n';
    const withUrl = withDatasourceUrl(schema);
    expect(withUrl).toMatch(
      /datasource db \{\n {2}url = env\("DATABASE_URL"\)\n {2}provider = "postgresql"\n\}/,
    );
    expect(withDatasourceUrl(withUrl)).toBe(withUrl);
    expect(withUrl.startsWith('generator client {\n  provider = "prisma-client"\n}')).toBe(true);
  });
});

describe("isEmptyMigration", () => {
  it("is true only when the script has no statements", () => {
    expect(isEmptyMigration("-- This is an empty migration.\n\n")).toBe(true);
    expect(isEmptyMigration("")).toBe(true);
    expect(isEmptyMigration('-- AlterTable\nALTER TABLE "Team" ADD COLUMN "x" TEXT;\n')).toBe(false);
  });
});

describe("scripts/start.ts", () => {
  it("refuses to start in production without a build", () => {
    const cwd = mkdtempSync(join(tmpdir(), "proofmark-nobuild-"));
    try {
      const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");
      // tsx reads tsconfig.json (whose `paths` map server-only) from the working directory; this
      // one has none, so name the repository's.
      const tsconfig = join(process.cwd(), "tsconfig.json");
      const result = spawnSync(tsx, ["--tsconfig", tsconfig, join(process.cwd(), "scripts", "start.ts")], {
        cwd,
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: "postgresql://127.0.0.1:1/none" },
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("run `npm run build` first");
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
