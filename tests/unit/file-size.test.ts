import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Issue 22: no source file grows past 400 lines without saying why in its first line.
const root = fileURLToPath(new URL("../../", import.meta.url));
const FOLDERS = ["app", "components", "lib", "tests", "bench", "scripts", "prisma"];
const SKIP = new Set(["node_modules", "generated", ".next"]);
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (SKIP.has(entry)) return [];
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|mjs|js)$/.test(entry) ? [full] : [];
  });
}

describe("source file size", () => {
  it(`gives every file over ${MAX_LINES} lines a one-line reason at its top`, () => {
    const files = FOLDERS.flatMap((folder) => sourceFiles(join(root, folder)));
    expect(files.length).toBeGreaterThan(100);
    const unexplained = files
      .map((file) => ({ file, text: readFileSync(file, "utf8") }))
      .filter(({ text }) => text.split("\n").length > MAX_LINES + 1)
      .filter(({ text }) => !text.startsWith("// Over 400 lines: "))
      .map(({ file }) => relative(root, file));
    expect(unexplained).toEqual([]);
  });
});
