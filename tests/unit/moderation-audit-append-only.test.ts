import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (entry === "generated" || entry === "node_modules") return [];
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry) ? [full] : [];
  });
}

// Any way the application could change or remove an audit event.
const FORBIDDEN = [
  /auditEvent\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b/,
  /UPDATE\s+"?AuditEvent"?/i,
  /DELETE\s+FROM\s+"?AuditEvent"?/i,
  /TRUNCATE\s+(TABLE\s+)?"?AuditEvent"?/i,
];

describe("the audit log has no update or delete path in the code", () => {
  const files = ["lib", "app", "components", "scripts", "server.ts"]
    .map((path) => join(root, path))
    .flatMap((path) => {
      try {
        return statSync(path).isDirectory() ? sourceFiles(path) : [path];
      } catch {
        return [];
      }
    });

  it("scans the application's source", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((file) => file.endsWith("record-audit-event.ts"))).toBe(true);
  });

  it("never updates, deletes or truncates AuditEvent", () => {
    const offenders = files.flatMap((file) => {
      const source = readFileSync(file, "utf8");
      return FORBIDDEN.filter((pattern) => pattern.test(source)).map((pattern) => `${file}: ${pattern}`);
    });
    expect(offenders).toEqual([]);
  });

  it("the patterns do catch the forbidden calls", () => {
    for (const sample of [
      "tx.auditEvent.update({ where })",
      "db.auditEvent.deleteMany()",
      'UPDATE "AuditEvent" SET',
      'delete from "AuditEvent"',
    ]) {
      expect(FORBIDDEN.some((pattern) => pattern.test(sample))).toBe(true);
    }
    expect(FORBIDDEN.some((pattern) => pattern.test("tx.auditEvent.create({ data })"))).toBe(false);
  });
});
