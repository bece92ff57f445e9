// Rows the benchmarks need, written straight to the benchmark database (as the tests do).
import { encode } from "next-auth/jwt";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { sessionCookieName } from "../../lib/auth/config.ts";
import { db } from "../../lib/db.ts";
import type { TokenScope } from "../../lib/generated/prisma/enums.ts";
import {
  createApiToken,
  createTeamWithMembers,
  type TestTeam,
  type TestUser,
} from "../../tests/support/factories.ts";

export type { TestTeam };

/** A Cookie header carrying a next-auth session of `user` (its Session row already exists). */
export async function sessionCookie(user: TestUser): Promise<string> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  const token = await encode({ token: { sub: user.id, sid: user.actor.sessionId }, secret });
  return `${sessionCookieName()}=${token}`;
}

/** A team with one member per role. */
export function createBenchTeam(): Promise<TestTeam> {
  return createTeamWithMembers();
}

/** An API token (secret) of the team's admin with the given scopes. */
export async function createBenchToken(team: TestTeam, scopes: TokenScope[]): Promise<string> {
  const token = await createApiToken({ teamId: team.id, createdById: team.admin.id, scopes, name: "bench" });
  return token.secret;
}

/** Imports a plain-text article through the same code as the API (body, snapshots, search vector). */
export async function createBenchArticle(
  team: TestTeam,
  title: string,
  content: string,
): Promise<{ id: string; text: string }> {
  const article = await db.$transaction(
    (tx) =>
      insertArticle(tx, { teamId: team.id, importedById: team.admin.id, title, format: "text", content }),
    { timeout: 60_000 },
  );
  return { id: article.id, text: article.text };
}
