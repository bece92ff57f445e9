// Test factories: users (with a real Session row, so their actor passes session checks),
// teams with one member per role, and API tokens. They write straight to the database of the
// test file (process.env.DATABASE_URL), with unique emails and slugs so tests never collide.
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import * as Y from "yjs";
import { buildAnchor } from "../../lib/anchors/anchor.ts";
import { BODY_FIELD } from "../../lib/articles/body-document.ts";
import { insertArticle } from "../../lib/articles/create-article.ts";
import type { TokenActor, UserActor } from "../../lib/auth/actor.ts";
import { db } from "../../lib/db.ts";
import type { Prisma } from "../../lib/generated/prisma/client.ts";
import type { AnnotationStatus, Label, Role, TokenScope } from "../../lib/generated/prisma/enums.ts";
import { generateTokenSecret, hashSecret } from "../../lib/tokens/token-secret.ts";
import { DEMO_TEXT, DEMO_TITLE } from "./demo-text.ts";

export const TEST_PASSWORD = "correct horse battery staple";

// bcrypt at the lowest cost: the hash still verifies with lib/auth/passwords.ts, and a test
// creating dozens of users does not spend seconds hashing.
const TEST_BCRYPT_COST = 4;

function uniqueSuffix(): string {
  return randomBytes(5).toString("hex");
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  /** A signed-in actor for this user, backed by a live Session row. */
  actor: UserActor;
}

/** Creates a user with a password and a live session; fields default to unique values. */
export async function createUser(
  options: { email?: string; name?: string; password?: string; disabled?: boolean } = {},
): Promise<TestUser> {
  const suffix = uniqueSuffix();
  const password = options.password ?? TEST_PASSWORD;
  const user = await db.user.create({
    data: {
      email: (options.email ?? `user-${suffix}@example.test`).toLowerCase(),
      name: options.name ?? `Test User ${suffix}`,
      passwordHash: await bcrypt.hash(password, TEST_BCRYPT_COST),
      disabledAt: options.disabled ? new Date() : null,
    },
  });
  const session = await createSession(user.id);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    password,
    actor: { kind: "user", userId: user.id, name: user.name, email: user.email, sessionId: session.id },
  };
}

/** Creates a live Session row for a user (30 days). */
export async function createSession(userId: string): Promise<{ id: string }> {
  return db.session.create({
    data: { userId, expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000) },
    select: { id: true },
  });
}

/** A signed-in actor (with a live Session row) for an existing user, found by email (the seeded demo accounts). */
export async function actorForEmail(email: string): Promise<UserActor> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const session = await createSession(user.id);
  return { kind: "user", userId: user.id, name: user.name ?? email, email, sessionId: session.id };
}

export interface TestTeam {
  id: string;
  slug: string;
  name: string;
  admin: TestUser;
  moderator: TestUser;
  annotator: TestUser;
  viewer: TestUser;
  /** Every member, with the role they were given. */
  members: Array<TestUser & { role: Role }>;
}

/** The four roles, most rights first: createTeamWithMembers gives each one member. */
export const TEAM_ROLES: readonly Role[] = ["ADMIN", "MODERATOR", "ANNOTATOR", "VIEWER"];

/**
 * Creates a team with one admin, moderator, annotator and viewer, plus any extra members
 * (`extra: ["ANNOTATOR"]` adds a second annotator).
 */
export async function createTeamWithMembers(
  options: { slug?: string; name?: string; extra?: Role[] } = {},
): Promise<TestTeam> {
  const suffix = uniqueSuffix();
  const team = await db.team.create({
    data: { slug: options.slug ?? `team-${suffix}`, name: options.name ?? `Team ${suffix}` },
  });
  const roles: Role[] = [...TEAM_ROLES, ...(options.extra ?? [])];
  const members: TestTeam["members"] = [];
  for (const role of roles) {
    const user = await createUser({ name: `${role.toLowerCase()} ${suffix}` });
    await addMember(team.id, user.id, role);
    members.push({ ...user, role });
  }
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    admin: memberOf({ members }, "ADMIN"),
    moderator: memberOf({ members }, "MODERATOR"),
    annotator: memberOf({ members }, "ANNOTATOR"),
    viewer: memberOf({ members }, "VIEWER"),
    members,
  };
}

/**
 * The two teams of the permission tables: "desk", the team under test, and "rival", whose
 * members are the outsiders; each with one member per role.
 */
export async function createDeskAndRival(): Promise<{ desk: TestTeam; rival: TestTeam }> {
  const desk = await createTeamWithMembers({ slug: "desk", name: "Desk" });
  const rival = await createTeamWithMembers({ slug: "rival", name: "Rival" });
  return { desk, rival };
}

/** A team's first member with a role. */
export function memberOf(team: Pick<TestTeam, "members">, role: Role): TestUser {
  return team.members.find((member) => member.role === role)!;
}

/** A new user (named `name` when given) made a member of a team with a role; their signed-in actor. */
export async function createMemberActor(teamId: string, role: Role, name?: string): Promise<UserActor> {
  const user = await createUser(name === undefined ? {} : { name });
  await addMember(teamId, user.id, role);
  return user.actor;
}

/** Adds a user to a team with a role. */
export async function addMember(teamId: string, userId: string, role: Role): Promise<void> {
  await db.membership.create({ data: { teamId, userId, role } });
}

/** Creates an API token of a team for its creator; returns the secret once, and its actor. */
export async function createApiToken(options: {
  teamId: string;
  createdById: string;
  scopes: TokenScope[];
  name?: string;
  expiresAt?: Date | null;
}): Promise<{ id: string; secret: string; actor: TokenActor }> {
  const secret = generateTokenSecret();
  const token = await db.apiToken.create({
    data: {
      teamId: options.teamId,
      createdById: options.createdById,
      name: options.name ?? "test token",
      prefix: secret.slice(0, 10),
      tokenHash: hashSecret(secret),
      scopes: options.scopes,
      expiresAt: options.expiresAt ?? null,
    },
  });
  return {
    id: token.id,
    secret,
    actor: {
      kind: "token",
      tokenId: token.id,
      teamId: options.teamId,
      userId: options.createdById,
      scopes: options.scopes,
    },
  };
}

/**
 * Imports a plain-text article into a team through the product's importer (body, snapshots,
 * search vector); the title defaults to "Demo" and the content to the demo article's body.
 */
export async function insertTextArticle(input: {
  teamId: string;
  importedById: string;
  title?: string;
  content?: string;
}) {
  return db.$transaction((tx) =>
    insertArticle(tx, {
      teamId: input.teamId,
      importedById: input.importedById,
      title: input.title ?? "Demo",
      format: "text",
      content: input.content ?? DEMO_TEXT,
    }),
  );
}

const storedBodies = new Map<string, Y.Doc>();

/**
 * A real anchor of [start, end) into an article's stored body, as the API writes one (the body
 * is read once per article: tests that insert annotations directly never change it).
 */
export async function articleAnchor(articleId: string, start: number, end: number) {
  let body = storedBodies.get(articleId);
  if (!body) {
    const article = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { ydoc: true } });
    body = new Y.Doc();
    Y.applyUpdate(body, article.ydoc);
    storedBodies.set(articleId, body);
  }
  return buildAnchor(body.getXmlFragment(BODY_FIELD), start, end);
}

/** The offsets of `quote` (its first occurrence in `text`), with 32 characters of context each side. */
function quotedSpan(text: string, quote: string) {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  const end = start + quote.length;
  return {
    quote,
    start,
    end,
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(end, end + 32),
  };
}

/** Who wrote which passage of which article, for the annotation inserters below. */
interface QuotedAnnotationInput {
  teamId: string;
  articleId: string;
  authorId: string;
  label: Label;
  /** The article's plain text. */
  text: string;
  /** Its first occurrence in `text` is annotated. */
  quote: string;
}

function createQuotedRow(
  input: QuotedAnnotationInput,
  anchor: Prisma.InputJsonValue,
  extra: Partial<Prisma.AnnotationUncheckedCreateInput> = {},
) {
  return db.annotation.create({
    data: {
      teamId: input.teamId,
      articleId: input.articleId,
      authorId: input.authorId,
      label: input.label,
      anchor,
      ...quotedSpan(input.text, input.quote),
      ...extra,
    },
  });
}

/** An anchor that is never resolved: for annotations inserted by tests of what reads rows. */
export const PLACEHOLDER_ANCHOR = { v: 1, start: "AA", end: "AA" };

/**
 * Inserts an annotation row of `quote` with real offsets and context but PLACEHOLDER_ANCHOR: for
 * tests of what reads rows (exports, row readers), not of anchoring. `extra` sets any other
 * column (status, note, deletedAt, …).
 */
export async function insertAnnotationRow(
  input: QuotedAnnotationInput & { extra?: Partial<Prisma.AnnotationUncheckedCreateInput> },
): Promise<string> {
  return (await createQuotedRow(input, PLACEHOLDER_ANCHOR, input.extra)).id;
}

/**
 * Inserts an annotation of `quote` with real prefix/suffix context and a real anchor into the
 * article's stored body (as the API writes it): for tests of what reads offsets and labels
 * (queues, disagreements).
 */
export async function insertQuotedAnnotation(
  input: QuotedAnnotationInput & { status?: AnnotationStatus; createdAt?: Date },
) {
  const { start, end } = quotedSpan(input.text, input.quote);
  return createQuotedRow(input, await articleAnchor(input.articleId, start, end), {
    ...(input.status ? { status: input.status } : {}),
    ...(input.createdAt ? { createdAt: input.createdAt } : {}),
  });
}

/**
 * Imports a plain-text article into the seeded demo team (browser tests), as its admin; returns
 * the article, its page's path and the team's and admin's ids.
 */
export async function insertDemoDeskArticle(title: string, content: string) {
  const team = await db.team.findUniqueOrThrow({ where: { slug: "demo-desk" } });
  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } });
  const article = await insertTextArticle({ teamId: team.id, importedById: admin.id, title, content });
  return { article, path: `/t/demo-desk/articles/${article.id}`, teamId: team.id, adminId: admin.id };
}

/** The seeded demo article of the demo desk (browser tests): its id and its page's path. */
export async function findDemoDeskArticle(): Promise<{ id: string; path: string }> {
  const article = await db.article.findFirstOrThrow({
    where: { team: { slug: "demo-desk" }, title: DEMO_TITLE },
    select: { id: true },
  });
  return { id: article.id, path: `/t/demo-desk/articles/${article.id}` };
}
