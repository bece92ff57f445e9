import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { checkEnv, ENV_VARIABLE_NAMES, formatEnvProblems } from "../../lib/config/env.ts";

const root = join(import.meta.dirname, "..", "..");

function problemsOf(env: Record<string, string>) {
  const result = checkEnv(env);
  if (result.ok) throw new Error(`expected problems for ${JSON.stringify(Object.keys(env))}`);
  return result.problems;
}

describe("the environment schema", () => {
  it("accepts an empty environment (development needs nothing) and treats NAME= as unset", () => {
    expect(checkEnv({}).ok).toBe(true);
    expect(checkEnv({ PORT: "", DATABASE_URL: " ", METRICS_TOKEN: "" }).ok).toBe(true);
  });

  it("accepts a full production configuration and converts numbers", () => {
    const result = checkEnv({
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://proofmark:pw@db:5432/proofmark",
      DATABASE_POOL_SIZE: "20",
      PORT: "3000",
      HOST: "0.0.0.0",
      NEXTAUTH_SECRET: "0123456789abcdef0123456789abcdef",
      NEXTAUTH_URL: "https://proofmark.example.org",
      REDIS_URL: "redis://redis:6379",
      TRUST_PROXY: "1",
      BCRYPT_COST: "12",
      GITHUB_ID: "id",
      GITHUB_SECRET: "secret",
      LOG_LEVEL: "warn",
      LOG_FORMAT: "json",
      METRICS_TOKEN: "a-long-enough-metrics-token",
      METRICS_PORT: "9464",
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.env.PORT).toBe(3000);
      expect(result.env.DATABASE_POOL_SIZE).toBe(20);
    }
  });

  it("names every bad variable at once with what is wrong", () => {
    const problems = problemsOf({
      PORT: "http",
      DATABASE_URL: "mysql://db/proofmark",
      REDIS_URL: "localhost:6379",
      BCRYPT_COST: "3",
      LOG_LEVEL: "verbose",
      NEXTAUTH_URL: "proofmark.example.org",
    });
    const byVariable = Object.fromEntries(problems.map((p) => [p.variable, p.problem]));
    expect(Object.keys(byVariable).sort()).toEqual(
      ["BCRYPT_COST", "DATABASE_URL", "LOG_LEVEL", "NEXTAUTH_URL", "PORT", "REDIS_URL"].sort(),
    );
    expect(byVariable.PORT).toMatch(/whole number from 0 to 65535/);
    expect(byVariable.DATABASE_URL).toMatch(/postgresql:\/\//);
    expect(byVariable.BCRYPT_COST).toMatch(/4 to 31/);
    const message = formatEnvProblems(problems);
    expect(message).toMatch(/^invalid configuration \(6 problems/);
    expect(message).toContain("  PORT must be a whole number from 0 to 65535");
  });

  it("checks the proxy hop count, ports and limits at their edges", () => {
    for (const good of ["0", "1", "2", "false"]) expect(checkEnv({ TRUST_PROXY: good }).ok).toBe(true);
    for (const bad of ["yes", "true", "-1", "1.5", "loopback"])
      expect(problemsOf({ TRUST_PROXY: bad })[0]?.variable).toBe("TRUST_PROXY");
    expect(checkEnv({ PORT: "65535" }).ok).toBe(true);
    expect(problemsOf({ PORT: "65536" })[0]?.variable).toBe("PORT");
    expect(problemsOf({ METRICS_PORT: "0" })[0]?.variable).toBe("METRICS_PORT");
    expect(problemsOf({ DATABASE_POOL_SIZE: "0" })[0]?.variable).toBe("DATABASE_POOL_SIZE");
    expect(problemsOf({ SEED_DEMO: "yes" })[0]?.variable).toBe("SEED_DEMO");
    expect(problemsOf({ NODE_ENV: "staging" })[0]?.variable).toBe("NODE_ENV");
  });

  it("requires OAuth credentials in pairs", () => {
    expect(problemsOf({ GITHUB_ID: "id" })).toEqual([
      { variable: "GITHUB_SECRET", problem: "must be set together with GITHUB_ID" },
    ]);
    expect(problemsOf({ GOOGLE_CLIENT_SECRET: "s" })[0]?.variable).toBe("GOOGLE_CLIENT_ID");
    expect(problemsOf({ OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" })[0]?.variable).toBe("OIDC_ISSUER");
  });

  it("never repeats a bad value in its message (a short secret must not reach a log)", () => {
    const secret = "short-secret";
    const problems = problemsOf({ NEXTAUTH_SECRET: secret, METRICS_TOKEN: "tiny-token" });
    const message = formatEnvProblems(problems);
    expect(message).toContain("NEXTAUTH_SECRET must be at least 16 characters");
    expect(message).toContain("METRICS_TOKEN");
    expect(message).not.toContain(secret);
    expect(message).not.toContain("tiny-token");
  });
});

describe("one list of variables", () => {
  const declared = [...ENV_VARIABLE_NAMES].sort();

  it(".env.example documents exactly the declared variables", () => {
    const example = readFileSync(join(root, ".env.example"), "utf8");
    const names = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(declared);
  });

  it("the README's configuration table lists exactly the declared variables", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf("## Configuration"),
      readme.indexOf("\n## ", readme.indexOf("## Configuration") + 5),
    );
    const rows = section.split("\n").filter((line) => line.startsWith("| `"));
    const names = rows.flatMap((row) =>
      [...(row.split("|")[1] ?? "").matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]),
    );
    expect([...names].sort()).toEqual(declared);
  });

  it("every variable the app reads is declared (app, components, lib, server.ts, the start scripts)", () => {
    const files: string[] = ["server.ts", "next.config.js", "scripts/start.ts", "scripts/local-database.ts"];
    const walk = (dir: string) => {
      for (const entry of readdirSync(join(root, dir))) {
        const path = join(dir, entry);
        if (path === join("lib", "generated")) continue;
        if (statSync(join(root, path)).isDirectory()) walk(path);
        else if (/\.(?:ts|tsx|mjs|js)$/.test(entry)) files.push(path);
      }
    };
    for (const dir of ["app", "components", "lib"]) walk(dir);
    const read = new Map<string, string>();
    for (const file of files) {
      const text = readFileSync(join(root, file), "utf8");
      for (const m of text.matchAll(
        /\b(?:process\.)?env(?:\.([A-Z][A-Z0-9_]+)|\[["'`]([A-Z][A-Z0-9_]+)["'`]\])/g,
      )) {
        const name = m[1] ?? m[2];
        if (name && !read.has(name)) read.set(name, relative(root, join(root, file)));
      }
    }
    expect(read.size).toBeGreaterThan(15);
    const undeclared = [...read].filter(([name]) => !ENV_VARIABLE_NAMES.includes(name));
    expect(undeclared).toEqual([]);
  });
});
