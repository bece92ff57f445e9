// A fixture world for the tenant-isolation test: team A, whose every kind of resource carries a
// distinctive marker, and team B, whose members and token act as the outsiders.
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { insertArticle } from "../../lib/articles/create-article.ts";
import type { UserActor } from "../../lib/auth/actor.ts";
import { db } from "../../lib/db.ts";
import { addEvidence } from "../../lib/evidence/add-evidence.ts";
import type { Role } from "../../lib/generated/prisma/enums.ts";
import { createReply } from "../../lib/replies/create-reply.ts";
import { reviewAnnotation } from "../../lib/reviews/review-annotation.ts";
import { createInvite } from "../../lib/teams/create-invite.ts";
import { sessionCookie } from "./api.ts";
import {
  addMember,
  createApiToken,
  createTeamWithMembers,
  createUser,
  type TestTeam,
  type TestUser,
} from "./factories.ts";

/** Every piece of team A's data carries this; no outsider's response may contain it. */
export const MARKER = "ALPHA-SECRET";

export const ARTICLE_TEXT = [
  `${MARKER} dispatch. The coalition carried out 34,573 airstrikes in the region.`,
  "Critics called it the work of a corrupt government.",
  "They must have the 100% support of the working people of the world!",
].join("\n\n");

/** The quotes team A's annotations cover (each occurs once in ARTICLE_TEXT). */
export const QUOTES = ["34,573 airstrikes", "a corrupt government", "the working people"] as const;

export interface IsolationWorld {
  a: TestTeam;
  b: TestTeam;
  cookies: Map<string, string>;
  /** A second annotator of team A, author of the annotations reviewed in the tests (nobody calling reviews their own). */
  secondAnnotator: TestUser;
  /** Team B's token with every scope, created by an admin of team B who is also a viewer in team A. */
  bToken: string;
  /** Team A's long-lived resources, all created before any request is made. */
  articleId: string;
  /** The annotator's annotation, with evidence, a moderator's review and a reply. */
  annotationId: string;
  /** A second annotation (the moderator's) on the same passage, for disagreement endpoints. */
  otherAnnotationId: string;
  evidenceId: string;
  replyId: string;
  inviteId: string;
  inviteSecret: string;
  revokedInviteSecret: string;
  tokenId: string;
}

/** The Cookie header of a user's live session (cached per user). */
export async function cookieFor(
  world: IsolationWorld,
  user: { id: string; actor: UserActor },
): Promise<string> {
  let cookie = world.cookies.get(user.id);
  if (!cookie) {
    cookie = await sessionCookie(user);
    world.cookies.set(user.id, cookie);
  }
  return cookie;
}

/** Creates an article of team A (imported by `importedById`) with the marker in title, byline, URL and body. */
export async function createMarkedArticle(teamId: string, importedById: string): Promise<string> {
  const row = await db.$transaction((tx) =>
    insertArticle(tx, {
      teamId,
      importedById,
      title: `${MARKER} article`,
      byline: `${MARKER} byline`,
      sourceUrl: `https://alpha-secret.example/${MARKER}`,
      format: "text",
      content: ARTICLE_TEXT,
    }),
  );
  return row.id;
}

/** Creates an annotation on `quote` with a marked note as `actor`; returns its id. */
export async function createMarkedAnnotation(
  actor: UserActor,
  articleId: string,
  quote: string,
): Promise<string> {
  const start = ARTICLE_TEXT.indexOf(quote);
  const created = await createAnnotation({
    actor,
    articleId,
    input: { label: "fact", start, end: start + quote.length, note: `${MARKER} note` },
  });
  return created.id;
}

/** Adds a fresh member with a role to a team (for calls that remove or change the caller). */
export async function createExtraMember(teamId: string, role: Role) {
  const user = await createUser();
  await addMember(teamId, user.id, role);
  return user;
}

/** Builds both teams and every kind of team-A resource a route parameter can name. */
export async function buildIsolationWorld(): Promise<IsolationWorld> {
  const a = await createTeamWithMembers({ slug: "team-a", name: `${MARKER} Team` });
  const b = await createTeamWithMembers({ slug: "team-b", name: "Bravo Team" });
  const articleId = await createMarkedArticle(a.id, a.annotator.id);
  const annotationId = await createMarkedAnnotation(a.annotator.actor, articleId, QUOTES[0]);
  const otherAnnotationId = await createMarkedAnnotation(a.moderator.actor, articleId, QUOTES[0]);
  const evidence = await addEvidence({
    actor: a.annotator.actor,
    annotationId,
    input: {
      relation: "corroborates",
      url: `https://alpha-secret.example/evidence/${MARKER}`,
      title: `${MARKER} evidence`,
      note: `${MARKER} evidence note`,
    },
  });
  await reviewAnnotation({
    actor: a.moderator.actor,
    annotationId,
    input: { decision: "reject", reason: `${MARKER} review reason` },
  });
  const reply = await createReply({
    actor: a.annotator.actor,
    annotationId,
    input: { body: `${MARKER} reply` },
  });
  const invite = await createInvite({
    actor: a.admin.actor,
    slug: a.slug,
    input: { role: "VIEWER", expiresInHours: 168, email: "alpha-secret-invitee@example.test" },
  });
  const revoked = await createInvite({
    actor: a.admin.actor,
    slug: a.slug,
    input: { role: "VIEWER", expiresInHours: 168 },
  });
  await db.invite.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
  const token = await createApiToken({
    teamId: a.id,
    createdById: a.admin.id,
    scopes: ["READ", "ANNOTATE", "REVIEW", "EXPORT"],
    name: `${MARKER} token`,
  });
  // The token's creator is in both teams (team B's admin, team A's viewer): the token must still
  // see nothing of team A, because a token belongs to one team, not to its creator's teams.
  const dual = await createExtraMember(b.id, "ADMIN");
  await addMember(a.id, dual.id, "VIEWER");
  const bToken = await createApiToken({
    teamId: b.id,
    createdById: dual.id,
    scopes: ["READ", "ANNOTATE", "REVIEW", "EXPORT"],
    name: "bravo token",
  });
  const secondAnnotator = await createExtraMember(a.id, "ANNOTATOR");
  return {
    a,
    b,
    secondAnnotator,
    cookies: new Map(),
    bToken: bToken.secret,
    articleId,
    annotationId,
    otherAnnotationId,
    evidenceId: evidence.id,
    replyId: reply.id,
    inviteId: invite.id,
    inviteSecret: invite.secret,
    revokedInviteSecret: revoked.secret,
    tokenId: token.id,
  };
}
