// Demo data: the "Demo Desk" team with one user per role and the sample article.
// Used by `npm run dev` (embedded database), `npm run db:seed`, and the e2e tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { insertArticle } from "../lib/articles/create-article.ts";
import { recordAuditEvent } from "../lib/audit/record-audit-event.ts";
import { hashPassword } from "../lib/auth/passwords.ts";
import { db } from "../lib/db.ts";
import type { Role } from "../lib/generated/prisma/enums.ts";

export const DEMO_TEAM = { slug: "demo-desk", name: "Demo Desk" } as const;
export const DEMO_PASSWORD = "proofmark-demo";

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "admin@demo.test", name: "Ada Admin", role: "ADMIN" },
  { email: "moderator@demo.test", name: "Mo Moderator", role: "MODERATOR" },
  { email: "annotator@demo.test", name: "Ann Annotator", role: "ANNOTATOR" },
  { email: "annotator2@demo.test", name: "Andy Annotator", role: "ANNOTATOR" },
  { email: "viewer@demo.test", name: "Vic Viewer", role: "VIEWER" },
];

const ARTICLE_FILE = join(process.cwd(), "prisma", "seed-data", "coalition-airstrikes.txt");

/** The demo article: its title is the file's first line, its body the rest. */
export function readDemoArticle(): { title: string; content: string } {
  const raw = readFileSync(ARTICLE_FILE, "utf8").replace(/\r\n?/g, "\n");
  const newline = raw.indexOf("\n");
  return { title: raw.slice(0, newline).trim(), content: raw.slice(newline + 1).trim() };
}

export interface SeedResult {
  teamId: string;
  articleId: string;
  users: Array<{ id: string; email: string; name: string; role: Role }>;
}

/**
 * Creates the demo team, its five users (password `proofmark-demo`) and the demo article, or
 * leaves them as they are when they already exist (safe to run on every start).
 * @throws when the database is unreachable or not migrated.
 */
export async function seedDemo(): Promise<SeedResult> {
  const team = await db.team.upsert({
    where: { slug: DEMO_TEAM.slug },
    update: {},
    create: { slug: DEMO_TEAM.slug, name: DEMO_TEAM.name },
  });

  const users: SeedResult["users"] = [];
  for (const demo of DEMO_USERS) {
    let user = await db.user.findUnique({ where: { email: demo.email } });
    if (!user) {
      user = await db.user.create({
        data: { email: demo.email, name: demo.name, passwordHash: await hashPassword(DEMO_PASSWORD) },
      });
    }
    await db.membership.upsert({
      where: { teamId_userId: { teamId: team.id, userId: user.id } },
      update: {},
      create: { teamId: team.id, userId: user.id, role: demo.role },
    });
    users.push({ id: user.id, email: user.email, name: user.name, role: demo.role });
  }
  const admin = users[0]!;

  const { title, content } = readDemoArticle();
  const existing = await db.article.findFirst({ where: { teamId: team.id, title }, select: { id: true } });
  let articleId = existing?.id;
  if (!articleId) {
    articleId = await db.$transaction(async (tx) => {
      const article = await insertArticle(tx, {
        teamId: team.id,
        importedById: admin.id,
        title,
        byline: null,
        sourceUrl: null,
        publishedAt: null,
        language: "en",
        format: "text",
        content,
      });
      await recordAuditEvent(tx, {
        teamId: team.id,
        actor: null,
        action: "article.create",
        entityType: "article",
        entityId: article.id,
        after: { title: article.title, format: "text", length: article.text.length, seed: true },
      });
      return article.id;
    });
  }
  return { teamId: team.id, articleId, users };
}

/** Prints the demo accounts (for the start script). */
export function printDemoAccounts(log: (line: string) => void = console.log): void {
  log(`Demo team "${DEMO_TEAM.name}" (/t/${DEMO_TEAM.slug}); every password is ${DEMO_PASSWORD}`);
  for (const user of DEMO_USERS) log(`  ${user.role.padEnd(10)} ${user.email.padEnd(22)} ${user.name}`);
}
