// Production smoke test, run by .ci/run after the tests (on the build `npm test` made):
//  1. `npm start -- --seed` against a fresh database on the machine's PostgreSQL
//     (127.0.0.1:5432, user postgres, trust auth; created here and dropped after): /api/v1/health
//     answers, a demo user signs in in Chromium at http://127.0.0.1:PORT and the article page goes
//     live (the websocket authenticates and syncs).
//  2. `npm run dev`, as the README says (here with DATABASE_URL pointing at a second fresh
//     database and SEED_DEMO=1, so the developer's .data is left alone), opened at 127.0.0.1:
//     its first page answers and its /_next/ scripts are not refused to 127.0.0.1.
// Every step has a deadline; servers, browser and databases are cleaned up whatever happens.
//   tsx scripts/smoke-production.ts [--skip-dev]   (SMOKE_PG_URL overrides the server URL)
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import pg from "pg";
import type { Browser } from "playwright-core";
import { launchChromium } from "./chromium.ts";

const SERVER_URL = process.env.SMOKE_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const skipDev = process.argv.includes("--skip-dev");
const cleanups: Array<() => Promise<void>> = [];
const log = (line: string) => console.log(`[smoke] ${line}`);

function deadline<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function freshDatabase(label: string): Promise<string> {
  const name = `proofmark_smoke_${label}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

// A server in its own process group, so that npm and everything under it stop together.
function startServer(label: string, command: string, args: string[], env: Record<string, string>) {
  let output = "";
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    process.kill(-child.pid, "SIGTERM");
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 15_000)),
    ]);
    if (!stopped) {
      log(`${label} did not stop within 15 s: SIGKILL`);
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });
  return { output: () => output, exited };
}

async function waitForHealth(
  baseUrl: string,
  server: { output(): string; exited: Promise<void> },
  ms: number,
) {
  let gone = false;
  void server.exited.then(() => (gone = true));
  await deadline(
    `health at ${baseUrl}`,
    ms,
    (async () => {
      for (;;) {
        if (gone) throw new Error(`the server exited:\n${server.output().slice(-4000)}`);
        const ok = await fetch(`${baseUrl}/api/v1/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })(),
  );
}

async function articleGoesLive(
  browser: Browser,
  baseUrl: string,
  articlePath: string,
  ms: number,
): Promise<void> {
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(ms);
    await page.goto("/signin");
    await page.getByLabel("Email").fill("annotator@demo.test");
    await page.getByLabel("Password").fill("proofmark-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await page.goto(articlePath);
    await page
      .getByTestId("live-status")
      .filter({ hasText: /^Live$/ })
      .waitFor();
  } finally {
    await context.close();
  }
}

async function demoArticlePath(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT a.id FROM "Article" a JOIN "Team" t ON t.id = a."teamId" WHERE t.slug = 'demo-desk' ORDER BY a."createdAt" LIMIT 1`,
    );
    if (!rows[0]) throw new Error("the demo article is missing");
    return `/t/demo-desk/articles/${rows[0].id}`;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const browser = await launchChromium();
  cleanups.push(() => browser.close());

  // 1. npm start (production build), seeded.
  const prodUrl = await freshDatabase("prod");
  const prodPort = await freePort();
  const prodBase = `http://127.0.0.1:${prodPort}`;
  log(`npm start on ${prodBase}`);
  const prod = startServer("npm start", "npm", ["start", "--", "--seed"], {
    DATABASE_URL: prodUrl,
    PORT: String(prodPort),
    HOST: "127.0.0.1",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: prodBase,
    LOG_LEVEL: "warn",
  });
  await waitForHealth(prodBase, prod, 60_000);
  log(`health answers (${Math.round((Date.now() - started) / 1000)} s)`);
  await deadline(
    "production article page goes live",
    45_000,
    articleGoesLive(browser, prodBase, await demoArticlePath(prodUrl), 40_000),
  );
  log(
    `production: signed in, article page live at 127.0.0.1 (${Math.round((Date.now() - started) / 1000)} s)`,
  );

  if (skipDev) return;
  // 2. npm run dev, opened at 127.0.0.1.
  const devUrl = await freshDatabase("dev");
  const devPort = await freePort();
  const devBase = `http://127.0.0.1:${devPort}`;
  log(`npm run dev on ${devBase}`);
  const dev = startServer("npm run dev", "npm", ["run", "dev"], {
    DATABASE_URL: devUrl,
    SEED_DEMO: "1",
    PORT: String(devPort),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    // NEXTAUTH_URL stays at its default (http://localhost:PORT): the page is opened at 127.0.0.1.
  });
  await waitForHealth(devBase, dev, 120_000);
  // Its first page, and one of Next's dev resources asked for as a page at 127.0.0.1 would ask:
  // without allowedDevOrigins, Next 16 answers that 403 and the page never becomes interactive.
  const first = await deadline("development first page", 150_000, fetch(`${devBase}/signin`));
  const html = await first.text();
  if (first.status !== 200 || !html.includes("Sign in"))
    throw new Error(`dev /signin answered ${first.status}`);
  const script = /src="(\/_next\/[^"]+\.js)"/.exec(html)?.[1];
  if (!script) throw new Error("dev /signin has no /_next/ script");
  const resource = await fetch(`${devBase}${script}`, {
    headers: {
      origin: devBase,
      referer: `${devBase}/signin`,
      "sec-fetch-mode": "cors",
      "sec-fetch-site": "same-origin",
    },
  });
  if (resource.status !== 200)
    throw new Error(`dev resource ${script} answered ${resource.status} to 127.0.0.1`);
  log(
    `development: first page and its scripts served at 127.0.0.1 (${Math.round((Date.now() - started) / 1000)} s)`,
  );
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error("[smoke] FAILED:", error instanceof Error ? error.message : error);
} finally {
  for (const cleanup of cleanups.reverse())
    await cleanup().catch((error) => console.error("[smoke] cleanup:", error));
}
log(failed ? "failed" : "all good");
process.exit(failed ? 1 : 0);
