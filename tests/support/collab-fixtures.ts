// Rows and session cookies for collaboration tests, written straight to the test database.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import * as Y from "yjs";
import { yDocToBody } from "../../lib/articles/body-document.ts";
import { docToPlainText } from "../../lib/articles/plain-text.ts";
import { sessionCookieName } from "../../lib/auth/config.ts";
import { db } from "../../lib/db.ts";
import type { Role } from "../../lib/generated/prisma/enums.ts";
import { insertTextArticle } from "./factories.ts";

export interface TestMember {
  userId: string;
  sessionId: string;
  /** A Cookie header value carrying a valid next-auth session for this user. */
  cookie: string;
}

export function ensureAuthSecret(): string {
  process.env.NEXTAUTH_SECRET ??= "collab-test-secret-collab-test-secret";
  return process.env.NEXTAUTH_SECRET;
}

export async function createTestTeam(): Promise<{ id: string; slug: string }> {
  const slug = `team-${randomUUID().slice(0, 8)}`;
  return db.team.create({ data: { slug, name: slug }, select: { id: true, slug: true } });
}

/** A user with a live session; a member of `teamId` with `role` unless teamId is null. */
export async function createTestMember(teamId: string | null, role: Role): Promise<TestMember> {
  const secret = ensureAuthSecret();
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@example.test`;
  const user = await db.user.create({ data: { email, name: `${role} ${email}` } });
  if (teamId) await db.membership.create({ data: { teamId, userId: user.id, role } });
  const session = await db.session.create({
    data: { userId: user.id, expiresAt: new Date(Date.now() + 60 * 60 * 1000) },
  });
  const token = await encode({ token: { sub: user.id, sid: session.id }, secret });
  return { userId: user.id, sessionId: session.id, cookie: `${sessionCookieName()}=${token}` };
}

export async function createTestArticle(teamId: string, importedById: string): Promise<{ id: string }> {
  return db.article.create({
    data: {
      teamId,
      importedById,
      title: "Coalition airstrikes",
      format: "TEXT",
      ydoc: new Uint8Array(Y.encodeStateAsUpdate(new Y.Doc())),
      contentJson: { type: "doc", content: [] },
      text: "",
    },
    select: { id: true },
  });
}

/** Imports a plain-text article through the product's importer (body, snapshots, search vector); its id. */
export async function createTextArticle(
  teamId: string,
  importedById: string,
  content: string,
): Promise<string> {
  const article = await insertTextArticle({ teamId, importedById, title: "Story", content });
  return article.id;
}

/** The plain text of a live body document, by the product's one plain-text rule. */
export function bodyText(doc: Y.Doc): string {
  return docToPlainText(yDocToBody(doc));
}
