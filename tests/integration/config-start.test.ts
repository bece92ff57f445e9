// `npm run dev` / `npm start` read .env files before deciding on a database, and a bad value
// stops the start naming each variable. Spawns scripts/start.ts in a scratch directory.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "proofmark-env-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function start(cwd: string, env: Record<string, string> = {}, args = ["--dev"]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(
      join(root, "node_modules", ".bin", "tsx"),
      // tsx reads tsconfig.json (whose `paths` map server-only outside Next) from the working
      // directory, which is a scratch folder here: name the project's.
      ["--tsconfig", join(root, "tsconfig.json"), join(root, "scripts", "start.ts"), ...args],
      {
        cwd,
        // Only what a shell would have: nothing of the test run's own database or secrets.
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          ...env,
        } as unknown as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("start script configuration", () => {
  it("stops before starting anything when .env has bad values, naming each variable", async () => {
    const dir = scratch({
      ".env": "PORT=http\nDATABASE_URL=mysql://db/proofmark\nNEXTAUTH_SECRET=short-one\n",
    });
    const { code, stdout, stderr } = await start(dir);
    expect(code).toBe(1);
    expect(stderr).toContain("invalid configuration (3 problems");
    expect(stderr).toMatch(/PORT must be a whole number/);
    expect(stderr).toMatch(/DATABASE_URL must be a postgresql:\/\/ connection URL/);
    expect(stderr).toMatch(/NEXTAUTH_SECRET must be at least 16 characters/);
    expect(stderr).not.toContain("short-one");
    expect(stdout).not.toMatch(/embedded|PostgreSQL/i);
  });

  it("uses DATABASE_URL from .env instead of starting an embedded database", async () => {
    // Port 1 refuses: the start fails connecting to the configured server, never the embedded one.
    const dir = scratch({ ".env": "DATABASE_URL=postgresql://postgres@127.0.0.1:1/nothing\n" });
    const { code, stdout, stderr } = await start(dir);
    expect(code).toBe(1);
    expect(stdout).toContain("environment from .env");
    expect(`${stdout}${stderr}`).toMatch(/ECONNREFUSED|127\.0\.0\.1:1/);
    expect(stdout).not.toMatch(/embedded/i);
  });

  it("lets .env.local override .env, and the real environment override both", async () => {
    const dir = scratch({ ".env": "BCRYPT_COST=12\nPORT=3000\n", ".env.local": "BCRYPT_COST=99\n" });
    const fromLocal = await start(dir);
    expect(fromLocal.code).toBe(1);
    expect(fromLocal.stderr).toMatch(/BCRYPT_COST must be a whole number from 4 to 31/);
    const fromShell = await start(dir, { BCRYPT_COST: "10", PORT: "not-a-port" });
    expect(fromShell.code).toBe(1);
    expect(fromShell.stderr).toMatch(/invalid configuration \(1 problem\b/);
    expect(fromShell.stderr).toMatch(/PORT must be a whole number/);
  });
});
