// Backups (docs/OPERATIONS.md): a pg_dump in custom format of a Proofmark database, restored
// with pg_restore into a fresh database, gives back the same articles, annotations (with their
// reviews and audit trail) and the same JSON export.
//
// pg_dump cannot dump a server of a newer major version than its own, and the embedded
// PostgreSQL of the other integration tests (18) is newer than Debian's client tools (15). So this
// file uses a server of its own whose major version pg_dump can dump:
// BACKUP_TEST_DATABASE_URL if set, else the local server at postgres://postgres@127.0.0.1:5432.
// It creates and drops its own databases there. With neither a pg_dump nor such a server it is
// reported as skipped, with the reason (set REQUIRE_BACKUP_TEST=1 to make that a failure).
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { migrateDatabase } from "../../lib/db/migrate.ts";
import { db, disconnectDb } from "../../lib/db.ts";
import { exportArticle } from "../../lib/export/export-article.ts";
import { reviewAnnotation } from "../../lib/reviews/review-annotation.ts";
import { createTeamWithMembers, type TestTeam } from "../support/factories.ts";

const run = promisify(execFile);
const SERVER_URL = process.env.BACKUP_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const NOW = new Date("2026-11-25T12:00:00.000Z");

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Why this machine cannot run the test, or null when it can. */
async function unavailableReason(): Promise<string | null> {
  let dumpMajor: number;
  try {
    const { stdout } = await run("pg_dump", ["--version"]);
    dumpMajor = Number(stdout.match(/(\d+)(?:\.\d+)?/)?.[1]);
    await run("pg_restore", ["--version"]);
  } catch {
    return "pg_dump/pg_restore are not installed (apt-get install postgresql-client)";
  }
  let serverMajor: number;
  try {
    const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
    await client.connect();
    const { rows } = await client.query<{ v: string }>("SHOW server_version_num");
    await client.end();
    serverMajor = Math.floor(Number(rows[0]!.v) / 10000);
  } catch (error) {
    return `no PostgreSQL server for the backup test at ${new URL(SERVER_URL).host} (${(error as Error).message}); set BACKUP_TEST_DATABASE_URL`;
  }
  if (serverMajor > dumpMajor) {
    return `pg_dump ${dumpMajor} cannot dump PostgreSQL ${serverMajor}; point BACKUP_TEST_DATABASE_URL at a server of version ≤ ${dumpMajor}`;
  }
  return null;
}

const reason = await unavailableReason();
if (reason) {
  if (process.env.REQUIRE_BACKUP_TEST === "1") throw new Error(`backup-restore test required but: ${reason}`);
  console.warn(`SKIPPED backup-restore: ${reason}`);
}

describe.skipIf(reason !== null)("backup and restore with pg_dump/pg_restore", () => {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const source = `proofmark_backup_src_${suffix}`;
  const restored = `proofmark_backup_dst_${suffix}`;
  const sourceUrl = withDatabase(SERVER_URL, source);
  const restoredUrl = withDatabase(SERVER_URL, restored);
  const testDatabaseUrl = process.env.DATABASE_URL;
  let directory = "";
  let team: TestTeam;
  const articleIds: string[] = [];

  async function use(url: string): Promise<void> {
    await disconnectDb();
    process.env.DATABASE_URL = url;
  }

  /** Everything a backup must keep, read through Prisma, in a stable order. */
  async function snapshot() {
    const articles = await db.article.findMany({
      where: { teamId: team.id },
      orderBy: { id: "asc" },
      select: { id: true, title: true, byline: true, text: true, ydoc: true, updatedAt: true },
    });
    const annotations = await db.annotation.findMany({ orderBy: { id: "asc" } });
    const reviews = await db.review.findMany({ orderBy: { id: "asc" } });
    const audit = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    const exports: unknown[] = [];
    for (const articleId of articleIds) {
      const download = await exportArticle({
        actor: team.admin.actor,
        articleId,
        query: { format: "json" },
        baseUrl: "http://proofmark.test",
        now: NOW,
      });
      exports.push(JSON.parse(download.body as string));
    }
    return {
      articles: articles.map((a) => ({
        ...a,
        ydoc: Buffer.from(a.ydoc).toString("base64"),
      })),
      annotations,
      reviews,
      audit,
      exports,
    };
  }

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "proofmark-backup-"));
    await onServer(`CREATE DATABASE "${source}"`);
    await migrateDatabase(sourceUrl);
    await use(sourceUrl);
    team = await createTeamWithMembers();
    for (const [title, content] of [
      ["Airstrikes", "The coalition conducted 34,573 airstrikes. A corrupt government. Support them 100%!"],
      ["Emoji 📰", "Reporters 🗞️ checked the figures: at least 1,335 civilians were killed."],
    ] as const) {
      const article = await createArticle({
        actor: team.annotator.actor,
        teamSlug: team.slug,
        input: { title, format: "text", content },
      });
      articleIds.push(article.id);
    }
    const texts = await db.article.findMany({
      where: { id: { in: articleIds } },
      select: { id: true, text: true },
    });
    const textOf = (id: string) => texts.find((row) => row.id === id)!.text;
    const tag = async (articleId: string, quote: string, label: string, note?: string) => {
      const start = textOf(articleId).indexOf(quote);
      expect(start, quote).toBeGreaterThanOrEqual(0);
      return createAnnotation({
        actor: team.annotator.actor,
        articleId,
        input: { label, start, end: start + quote.length, note },
      });
    };
    const fact = await tag(articleIds[0]!, "34,573 airstrikes", "fact", "Airwars figure");
    await tag(articleIds[0]!, "A corrupt government", "opinion");
    await tag(articleIds[1]!, "at least 1,335 civilians", "fact", "after 🗞️");
    await reviewAnnotation({
      actor: team.moderator.actor,
      annotationId: fact.id,
      input: { decision: "approve", version: fact.version },
    });
  }, 120_000);

  afterAll(async () => {
    await disconnectDb();
    if (testDatabaseUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = testDatabaseUrl;
    for (const name of [source, restored]) {
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    }
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it("restores the same articles, annotations, reviews, audit trail and JSON export", async () => {
    await use(sourceUrl);
    const before = await snapshot();
    expect(before.articles).toHaveLength(2);
    expect(before.annotations).toHaveLength(3);
    expect(before.reviews).toHaveLength(1);
    expect(before.audit.length).toBeGreaterThan(0);
    const exported = before.exports as Array<{ annotations: Array<{ status: string }> }>;
    expect(exported[0]!.annotations.map((a) => a.status).sort()).toEqual(["approved", "pending"]);
    await disconnectDb();

    // The commands of docs/OPERATIONS.md.
    const dumpFile = join(directory, "proofmark.dump");
    await run("pg_dump", ["--format=custom", "--no-owner", "--file", dumpFile, "--dbname", sourceUrl]);
    await onServer(`CREATE DATABASE "${restored}"`);
    await run("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", restoredUrl, dumpFile]);

    await use(restoredUrl);
    const after = await snapshot();
    expect(after).toEqual(before);

    // The restored database is a working one: the audit log is still append-only and new
    // annotations can be written.
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow();
    const first = after.articles.find((article) => article.id === articleIds[0])!;
    const start = first.text.indexOf("Support");
    const more = await createAnnotation({
      actor: team.annotator.actor,
      articleId: first.id,
      input: { label: "advocacy", start, end: start + "Support".length },
    });
    expect(more.id).toBeTruthy();
  });
});
