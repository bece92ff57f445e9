// Over 400 lines: one table of every route, page and action against every role and team; split, the inventory check would lose its single place.
// Tenant isolation, exhaustively (issue 9 item 1). The route inventory is read from the code
// (tests/support/route-inventory.ts), so a route, method, page or server action added without an
// entry here fails the "inventory" tests. Every API route is then called as each of team A's
// roles (session cookie), as team B's admin (session) and team B's all-scope token, and with no
// credentials:
// - team A's roles get the status the permission table gives them (2xx, 403 or 404);
// - outsiders get the same answer for team A's resource as for one that does not exist (404 for
//   anything team-scoped: never 403, which would confirm the id), and no response an outsider
//   gets ever contains team A's marker.
// Server actions and pages read the user from next/headers cookies, which only a running Next
// server provides, so they are checked statically here (they authenticate and delegate to lib/,
// where access is checked and which these requests exercise); e2e tests drive them for real.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import type { Role } from "../../lib/generated/prisma/enums.ts";
import { publishArticle } from "../../lib/publications/publish-article.ts";
import { sealSecret } from "../../lib/webhooks/secret-box.ts";
import { callRoute, type TestAuth } from "../support/api.ts";
import { createApiToken, createUser, type TestUser } from "../support/factories.ts";
import {
  ARTICLE_TEXT,
  buildIsolationWorld,
  cookieFor,
  createExtraMember,
  createMarkedAnnotation,
  createMarkedArticle,
  type IsolationWorld,
  MARKER,
  QUOTES,
} from "../support/isolation-fixtures.ts";
import {
  type InventoriedRoute,
  listApiRoutes,
  listPages,
  listServerActions,
} from "../support/route-inventory.ts";
import { insertApprovedFact, insertVerdict } from "../support/verdict-fixtures.ts";

type Member = "admin" | "moderator" | "annotator" | "viewer";
const MEMBERS: Member[] = ["admin", "moderator", "annotator", "viewer"];
const ROLE_OF: Record<Member, Role> = {
  admin: "ADMIN",
  moderator: "MODERATOR",
  annotator: "ANNOTATOR",
  viewer: "VIEWER",
};

/** How one call is made: params, query, body, and optionally the user who makes it. */
interface Call {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** Overrides the subject's own credentials (a fresh member for calls that remove the caller). */
  as?: TestUser;
}

/**
 * - team: the resource belongs to team A; outsiders get 404, exactly as for a resource that
 *   does not exist.
 * - user: answers about the caller only (their teams, notifications): outsiders get `outsider`
 *   (default 200) without any of team A's data.
 * - public: the same for everyone, signed in or not.
 */
type Scope = "team" | "user" | "public";

interface Expectation {
  scope: Scope;
  /** The status each of team A's roles gets. */
  members: Record<Member, number>;
  /** Builds the call for a team-A member (fresh resources for calls that change or remove them). */
  call?: (world: IsolationWorld, member: Member) => Promise<Call>;
  /** The call an outsider makes; defaults to `call` as team A's admin would make it. */
  outsiderCall?: (world: IsolationWorld) => Promise<Call>;
  /** Outsider statuses for `user` routes (session, token). */
  outsider?: { session: number; token: number };
}

const all = (status: number): Record<Member, number> => ({
  admin: status,
  moderator: status,
  annotator: status,
  viewer: status,
});
const adminOnly = (ok: number): Record<Member, number> => ({
  admin: ok,
  moderator: 403,
  annotator: 403,
  viewer: 403,
});
const writers = (ok: number): Record<Member, number> => ({
  admin: ok,
  moderator: ok,
  annotator: ok,
  viewer: 403,
});
const reviewers = (ok: number): Record<Member, number> => ({
  admin: ok,
  moderator: ok,
  annotator: 403,
  viewer: 403,
});

const start = ARTICLE_TEXT.indexOf(QUOTES[2]);
const annotationBody = { label: "opinion", start, end: start + QUOTES[2].length };

/** A new annotation by the annotator: theirs to edit or delete, and nobody else's. */
async function freshAnnotation(world: IsolationWorld): Promise<string> {
  return createMarkedAnnotation(world.a.annotator.actor, world.articleId, QUOTES[1]);
}

/** A new annotation by a second annotator, so that no caller is refused a review for authoring it. */
async function freshAnnotationToReview(world: IsolationWorld): Promise<string> {
  return createMarkedAnnotation(world.secondAnnotator.actor, world.articleId, QUOTES[1]);
}

/** A second annotator's annotation, already rejected: one to reopen. */
async function freshDecidedAnnotation(world: IsolationWorld): Promise<string> {
  const id = await freshAnnotationToReview(world);
  await db.annotation.update({ where: { id }, data: { status: "REJECTED" } });
  return id;
}

/** A fresh approved fact (by the second annotator) with one item of evidence. */
async function freshApprovedFact(world: IsolationWorld) {
  return insertApprovedFact(world.secondAnnotator.actor, world.articleId, QUOTES[1]);
}

/** A fresh approved fact with a verdict on it. */
async function freshVerdict(world: IsolationWorld): Promise<string> {
  const fact = await freshApprovedFact(world);
  await insertVerdict(fact, world.a.moderator.id);
  return fact.annotationId;
}

/** A fresh article of team A with an open blind round for team A's annotator; the round's id. */
async function freshRound(world: IsolationWorld): Promise<string> {
  const articleId = await createMarkedArticle(world.a.id, world.a.admin.id);
  const round = await db.round.create({
    data: {
      teamId: world.a.id,
      articleId,
      createdById: world.a.moderator.id,
      assignments: { create: [{ annotatorId: world.a.annotator.id }] },
    },
  });
  return round.id;
}

/** The team's current scale as a PUT body. */
async function currentScaleBody(world: IsolationWorld) {
  const items = await db.ratingScaleItem.findMany({
    where: { teamId: world.a.id },
    orderBy: { position: "asc" },
  });
  return { items: items.map(({ id, label, value, colour }) => ({ id, label, value, colour })) };
}

/** A fresh article of team A, published. */
async function publishedArticle(world: IsolationWorld): Promise<string> {
  const articleId = await createMarkedArticle(world.a.id, world.a.admin.id);
  await publishArticle({ actor: world.a.admin.actor, articleId });
  return articleId;
}

function memberUser(world: IsolationWorld, member: Member): TestUser {
  return world.a[member];
}

/** A webhook endpoint of team A (with MARKER in its description) and a settled delivery of it. */
async function createMarkedWebhook(
  teamId: string,
  createdById: string,
): Promise<{ id: string; deliveryId: string }> {
  const endpoint = await db.webhookEndpoint.create({
    data: {
      teamId,
      url: "https://hooks.example.org/marked",
      description: `${MARKER} hook`,
      events: ["annotation.created"],
      secretCipher: sealSecret("whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
      createdById,
    },
  });
  const event = await db.event.create({
    data: {
      teamId,
      type: "annotation.created",
      payload: { type: "annotation.created", data: { note: MARKER } },
    },
  });
  const delivery = await db.webhookDelivery.create({
    data: { endpointId: endpoint.id, eventId: event.id, status: "failed", attemptCount: 1 },
  });
  return { id: endpoint.id, deliveryId: delivery.id };
}

let markedWebhook: { id: string; deliveryId: string };
let markedRound: string;

const EXPECTATIONS: Record<string, Expectation> = {
  // Public documents.
  "GET /api/v1/health": { scope: "public", members: all(200) },
  "GET /api/v1/openapi.json": { scope: "public", members: all(200) },
  "GET /api/v1/schema/export.json": { scope: "public", members: all(200) },

  // About the caller only.
  "GET /api/v1/teams": { scope: "user", members: all(200) },
  "POST /api/v1/teams": {
    scope: "user",
    members: all(201),
    call: async () => ({ body: { slug: `t-${randomUUID().slice(0, 8)}`, name: "Another team" } }),
    outsider: { session: 201, token: 403 },
  },
  "GET /api/v1/notifications": { scope: "user", members: all(200) },
  "POST /api/v1/notifications/read": {
    scope: "user",
    members: all(200),
    call: async () => ({ body: { all: true } }),
  },
  // A member accepting their own team's invite is told they are already in; an outsider holding
  // a dead link gets the same 404 as for an unknown one (a live link is a capability by design).
  "POST /api/v1/invites/[secret]/accept": {
    scope: "team",
    members: all(200),
    call: async (world) => ({ params: { secret: world.inviteSecret } }),
    outsiderCall: async (world) => ({ params: { secret: world.revokedInviteSecret } }),
  },

  // Team by slug.
  "GET /api/v1/teams/[team]": { scope: "team", members: all(200) },
  "GET /api/v1/teams/[team]/members": { scope: "team", members: all(200) },
  "PATCH /api/v1/teams/[team]/members/[userId]": {
    scope: "team",
    members: adminOnly(200),
    call: async (world) => {
      const target = await createExtraMember(world.a.id, "VIEWER");
      return { params: { userId: target.id }, body: { role: "annotator" } };
    },
    outsiderCall: async (world) => ({ params: { userId: world.a.viewer.id }, body: { role: "admin" } }),
  },
  "DELETE /api/v1/teams/[team]/members/[userId]": {
    scope: "team",
    members: adminOnly(204),
    call: async (world) => {
      const target = await createExtraMember(world.a.id, "VIEWER");
      return { params: { userId: target.id } };
    },
    outsiderCall: async (world) => ({ params: { userId: world.a.viewer.id } }),
  },
  "POST /api/v1/teams/[team]/leave": {
    scope: "team",
    members: all(204),
    call: async (world, member) => ({ as: await createExtraMember(world.a.id, ROLE_OF[member]) }),
    outsiderCall: async () => ({}),
  },
  "GET /api/v1/teams/[team]/invites": { scope: "team", members: adminOnly(200) },
  "POST /api/v1/teams/[team]/invites": {
    scope: "team",
    members: adminOnly(201),
    call: async () => ({ body: { role: "viewer" } }),
  },
  "DELETE /api/v1/teams/[team]/invites/[id]": {
    scope: "team",
    members: adminOnly(204),
    call: async (world) => {
      const invite = await db.invite.create({
        data: {
          teamId: world.a.id,
          role: "VIEWER",
          tokenHash: randomUUID(),
          createdById: world.a.admin.id,
          expiresAt: new Date(Date.now() + 3600_000),
        },
      });
      return { params: { id: invite.id } };
    },
    outsiderCall: async (world) => ({ params: { id: world.inviteId } }),
  },
  "GET /api/v1/teams/[team]/tokens": { scope: "team", members: adminOnly(200) },
  "POST /api/v1/teams/[team]/tokens": {
    scope: "team",
    members: adminOnly(201),
    call: async () => ({ body: { name: "new token", scopes: ["read"] } }),
  },
  "DELETE /api/v1/teams/[team]/tokens/[id]": {
    scope: "team",
    members: adminOnly(204),
    call: async (world) => {
      const token = await createApiToken({
        teamId: world.a.id,
        createdById: world.a.admin.id,
        scopes: ["READ"],
      });
      return { params: { id: token.id } };
    },
    outsiderCall: async (world) => ({ params: { id: world.tokenId } }),
  },
  "GET /api/v1/teams/[team]/articles": {
    scope: "team",
    members: all(200),
    call: async () => ({ query: "q=dispatch" }),
  },
  "POST /api/v1/teams/[team]/articles": {
    scope: "team",
    members: writers(201),
    call: async () => ({ body: { title: "New article", format: "text", content: "Some text." } }),
  },
  "GET /api/v1/teams/[team]/export": {
    scope: "team",
    members: all(200),
    call: async () => ({ query: "format=json" }),
  },
  "POST /api/v1/teams/[team]/import": {
    scope: "team",
    members: adminOnly(400),
    call: async () => ({ body: { schemaVersion: 1 } }),
  },
  "GET /api/v1/teams/[team]/agreement": { scope: "team", members: all(200) },
  "GET /api/v1/teams/[team]/annotations/search": {
    scope: "team",
    members: all(200),
    call: async () => ({ query: "q=airstrikes" }),
  },
  "GET /api/v1/teams/[team]/review-queue": { scope: "team", members: reviewers(200) },
  "GET /api/v1/teams/[team]/review-queue/disagreements": { scope: "team", members: reviewers(200) },
  "POST /api/v1/teams/[team]/review-queue/settle": {
    scope: "team",
    members: reviewers(200),
    call: async (world) => ({
      body: {
        annotationIds: [await freshAnnotationToReview(world), await freshAnnotationToReview(world)],
        label: "opinion",
        reason: "settled",
      },
    }),
  },
  "POST /api/v1/teams/[team]/reviews/bulk": {
    scope: "team",
    members: reviewers(200),
    call: async (world) => ({
      body: { decision: "approve", annotationIds: [await freshAnnotationToReview(world)] },
    }),
  },

  // The event feed and webhooks (docs/WEBHOOKS.md): the feed for every member, webhooks for admins.
  "GET /api/v1/teams/[team]/events": { scope: "team", members: all(200) },
  "GET /api/v1/teams/[team]/webhooks": { scope: "team", members: adminOnly(200) },
  "POST /api/v1/teams/[team]/webhooks": {
    scope: "team",
    members: adminOnly(201),
    call: async () => ({ body: { url: "https://hooks.example.org/new", events: ["annotation.reviewed"] } }),
  },
  "GET /api/v1/teams/[team]/webhooks/[id]": { scope: "team", members: adminOnly(200) },
  "PATCH /api/v1/teams/[team]/webhooks/[id]": {
    scope: "team",
    members: adminOnly(200),
    call: async () => ({ body: { description: `${MARKER} edited` } }),
  },
  "DELETE /api/v1/teams/[team]/webhooks/[id]": {
    scope: "team",
    members: adminOnly(204),
    call: async (world) => ({ params: { id: (await createMarkedWebhook(world.a.id, world.a.admin.id)).id } }),
    outsiderCall: async () => ({ params: { id: markedWebhook.id } }),
  },
  "POST /api/v1/teams/[team]/webhooks/[id]/rotate-secret": { scope: "team", members: adminOnly(200) },
  "POST /api/v1/teams/[team]/webhooks/[id]/test": { scope: "team", members: adminOnly(202) },
  "GET /api/v1/teams/[team]/webhooks/[id]/deliveries": { scope: "team", members: adminOnly(200) },
  "POST /api/v1/teams/[team]/webhooks/[id]/deliveries/[deliveryId]/redeliver": {
    scope: "team",
    members: adminOnly(202),
    call: async (world) => {
      const fresh = await createMarkedWebhook(world.a.id, world.a.admin.id);
      return { params: { id: fresh.id, deliveryId: fresh.deliveryId } };
    },
    outsiderCall: async () => ({ params: { id: markedWebhook.id, deliveryId: markedWebhook.deliveryId } }),
  },

  // Articles by id.
  "GET /api/v1/articles/[id]": { scope: "team", members: all(200) },
  "PATCH /api/v1/articles/[id]": {
    scope: "team",
    members: adminOnly(200),
    call: async () => ({ body: { archived: false } }),
  },
  "DELETE /api/v1/articles/[id]": {
    scope: "team",
    members: adminOnly(204),
    call: async (world) => ({ params: { id: await createMarkedArticle(world.a.id, world.a.annotator.id) } }),
    outsiderCall: async (world) => ({ params: { id: world.articleId } }),
  },
  "GET /api/v1/articles/[id]/annotations": { scope: "team", members: all(200) },
  "POST /api/v1/articles/[id]/annotations": {
    scope: "team",
    members: writers(201),
    call: async () => ({ body: annotationBody }),
  },
  "GET /api/v1/articles/[id]/export": {
    scope: "team",
    members: all(200),
    call: async () => ({ query: "format=json" }),
  },
  "GET /api/v1/articles/[id]/agreement": { scope: "team", members: all(200) },
  // The shared article was pasted, not fetched: writers reach the use case and get 409.
  "POST /api/v1/articles/[id]/refresh": { scope: "team", members: writers(409) },

  // Annotations by id (the annotator's, with evidence, a review and a reply).
  "GET /api/v1/annotations/[id]": { scope: "team", members: all(200) },
  "PATCH /api/v1/annotations/[id]": {
    scope: "team",
    members: { admin: 403, moderator: 403, annotator: 200, viewer: 403 },
    call: async (world) => ({
      params: { id: await freshAnnotation(world) },
      body: { note: "edited", version: 1 },
    }),
    outsiderCall: async (world) => ({ params: { id: world.annotationId }, body: { note: "x", version: 1 } }),
  },
  "DELETE /api/v1/annotations/[id]": {
    scope: "team",
    members: { admin: 403, moderator: 403, annotator: 204, viewer: 403 },
    call: async (world) => ({ params: { id: await freshAnnotation(world) }, query: "version=1" }),
    outsiderCall: async (world) => ({ params: { id: world.annotationId }, query: "version=1" }),
  },
  "GET /api/v1/annotations/[id]/history": { scope: "team", members: all(200) },
  "GET /api/v1/annotations/[id]/evidence": { scope: "team", members: all(200) },
  "POST /api/v1/annotations/[id]/evidence": {
    scope: "team",
    members: writers(201),
    call: async () => ({ body: { relation: "contradicts", url: `https://example.org/${randomUUID()}` } }),
  },
  "GET /api/v1/annotations/[id]/reviews": { scope: "team", members: all(200) },
  "POST /api/v1/annotations/[id]/reviews": {
    scope: "team",
    members: reviewers(201),
    call: async (world) => ({
      params: { id: await freshAnnotationToReview(world) },
      body: { decision: "approve" },
    }),
    outsiderCall: async (world) => ({ params: { id: world.annotationId }, body: { decision: "approve" } }),
  },
  "POST /api/v1/annotations/[id]/reopen": {
    scope: "team",
    members: reviewers(200),
    call: async (world) => ({ params: { id: await freshDecidedAnnotation(world) }, body: {} }),
    outsiderCall: async (world) => ({ params: { id: world.annotationId }, body: {} }),
  },
  "GET /api/v1/annotations/[id]/replies": { scope: "team", members: all(200) },
  "POST /api/v1/annotations/[id]/replies": {
    scope: "team",
    members: writers(201),
    call: async () => ({ body: { body: "A reply" } }),
  },
  "PATCH /api/v1/annotations/[id]/replies/[replyId]": {
    scope: "team",
    members: { admin: 403, moderator: 403, annotator: 200, viewer: 403 },
    call: async () => ({ body: { body: "Edited reply" } }),
  },

  // Blind rounds (issue 17).
  "GET /api/v1/articles/[id]/rounds": { scope: "team", members: all(200) },
  "POST /api/v1/articles/[id]/rounds": {
    scope: "team",
    members: reviewers(201),
    call: async (world) => ({
      params: { id: await createMarkedArticle(world.a.id, world.a.admin.id) },
      body: { annotatorIds: [world.secondAnnotator.id] },
    }),
    outsiderCall: async (world) => ({ body: { annotatorIds: [world.secondAnnotator.id] } }),
  },
  "GET /api/v1/rounds/[id]": { scope: "team", members: all(200) },
  "PATCH /api/v1/rounds/[id]": {
    scope: "team",
    members: reviewers(200),
    call: async (world) => ({
      params: { id: await freshRound(world) },
      body: { dueAt: "2030-01-01T00:00:00Z" },
    }),
    outsiderCall: async () => ({ body: { dueAt: "2030-01-01T00:00:00Z" } }),
  },
  "POST /api/v1/rounds/[id]/submissions": {
    scope: "team",
    // Only the round's annotator (team A's annotator) submits; everyone else is refused.
    members: { admin: 403, moderator: 403, annotator: 201, viewer: 403 },
    call: async (world) => ({ params: { id: await freshRound(world) } }),
    outsiderCall: async () => ({}),
  },

  // Verdicts and the rating scale.
  "GET /api/v1/annotations/[id]/verdict": {
    scope: "team",
    members: all(200),
    call: async (world) => ({ params: { id: await freshVerdict(world) } }),
  },
  "PUT /api/v1/annotations/[id]/verdict": {
    scope: "team",
    members: reviewers(201),
    call: async (world) => {
      const fact = await freshApprovedFact(world);
      return {
        params: { id: fact.annotationId },
        body: { rating: "True", conclusion: "Checked.", evidenceIds: [fact.evidenceId] },
      };
    },
  },
  "DELETE /api/v1/annotations/[id]/verdict": {
    scope: "team",
    members: reviewers(204),
    call: async (world) => ({ params: { id: await freshVerdict(world) } }),
  },
  "GET /api/v1/teams/[team]/rating-scale": { scope: "team", members: all(200) },
  "PUT /api/v1/teams/[team]/rating-scale": {
    scope: "team",
    members: adminOnly(200),
    call: async (world) => {
      await freshVerdict(world); // makes sure the scale exists
      return { body: await currentScaleBody(world) };
    },
  },

  // Publication.
  "GET /api/v1/articles/[id]/publication": { scope: "team", members: all(200) },
  "POST /api/v1/articles/[id]/publication": {
    scope: "team",
    members: reviewers(201),
    call: async (world) => ({ params: { id: await createMarkedArticle(world.a.id, world.a.admin.id) } }),
  },
  "PUT /api/v1/articles/[id]/publication": {
    scope: "team",
    members: reviewers(200),
    call: async (world) => ({ params: { id: await publishedArticle(world) } }),
  },
  "DELETE /api/v1/articles/[id]/publication": {
    scope: "team",
    members: reviewers(204),
    call: async (world) => ({ params: { id: await publishedArticle(world) } }),
  },

  // Evidence by id.
  "DELETE /api/v1/evidence/[id]": {
    scope: "team",
    // Whoever added it, the annotation's author, moderators and admins may remove evidence.
    members: writers(204),
    call: async (world) => {
      const evidence = await db.evidence.create({
        data: {
          annotationId: world.annotationId,
          relation: "CORROBORATES",
          url: `https://example.org/${randomUUID()}`,
          addedById: world.a.annotator.id,
        },
      });
      return { params: { id: evidence.id } };
    },
    outsiderCall: async (world) => ({ params: { id: world.evidenceId } }),
  },
  // Snapshots and link health: viewers read, writers ask for checks.
  "GET /api/v1/evidence/[id]/snapshot": { scope: "team", members: all(200) },
  "POST /api/v1/evidence/[id]/check": { scope: "team", members: writers(202) },
  "POST /api/v1/teams/[team]/evidence/check": { scope: "team", members: writers(202) },
  "GET /api/v1/teams/[team]/evidence/settings": { scope: "team", members: all(200) },
  "PATCH /api/v1/teams/[team]/evidence/settings": {
    scope: "team",
    members: adminOnly(200),
    call: async () => ({ body: { linkCheckIntervalDays: 7 } }),
  },
};

/** Default parameters: team A's long-lived resource for each route parameter. */
function defaultParams(world: IsolationWorld, route: InventoriedRoute): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of route.template.matchAll(/\[([^\]]+)\]/g)) {
    if (name === "team") params.team = world.a.slug;
    else if (name === "secret") params.secret = world.inviteSecret;
    else if (name === "userId") params.userId = world.a.viewer.id;
    else if (name === "replyId") params.replyId = world.replyId;
    else if (name === "id" && route.template.startsWith("/api/v1/articles/")) params.id = world.articleId;
    else if (name === "id" && route.template.startsWith("/api/v1/annotations/"))
      params.id = world.annotationId;
    else if (name === "id" && route.template.startsWith("/api/v1/evidence/")) params.id = world.evidenceId;
    else if (name === "id" && route.template.includes("/invites/")) params.id = world.inviteId;
    else if (name === "id" && route.template.includes("/tokens/")) params.id = world.tokenId;
    else if (name === "id" && route.template.includes("/webhooks/")) params.id = markedWebhook.id;
    else if (name === "id" && route.template.startsWith("/api/v1/rounds/")) params.id = markedRound;
    else if (name === "deliveryId") params.deliveryId = markedWebhook.deliveryId;
    else throw new Error(`${route.key}: no default for [${name}]`);
  }
  return params;
}

/** The same parameters naming nothing that exists. */
function ghostParams(params: Record<string, string>): Record<string, string> {
  const ghost: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === "team") ghost.team = "no-such-team";
    else if (name === "secret")
      ghost.secret = `${value.slice(0, 6)}${"x".repeat(Math.max(value.length - 6, 10))}`;
    else ghost[name] = randomUUID();
  }
  return ghost;
}

function urlFor(route: InventoriedRoute, params: Record<string, string>, query?: string): string {
  const path = route.template.replace(/\[([^\]]+)\]/g, (_, name: string) =>
    encodeURIComponent(params[name]!),
  );
  return query ? `${path}?${query}` : path;
}

interface Answer {
  status: number;
  text: string;
}

async function send(route: InventoriedRoute, auth: TestAuth, params: Record<string, string>, call: Call) {
  const response = await callRoute(route.handler, urlFor(route, params, call.query), {
    method: route.method,
    auth,
    params,
    body: call.body,
  });
  return { status: response.status, text: await response.text() } satisfies Answer;
}

function errorCode(answer: Answer): string | null {
  try {
    return (JSON.parse(answer.text) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    return null;
  }
}

let world: IsolationWorld;
let routes: InventoriedRoute[];

beforeAll(async () => {
  routes = await listApiRoutes();
  world = await buildIsolationWorld();
  markedWebhook = await createMarkedWebhook(world.a.id, world.a.admin.id);
  markedRound = await freshRound(world);
  // Team B's admin also has notifications and data of their own, so "empty" is not why they see no marker.
  await createMarkedAnnotation(world.a.annotator.actor, world.articleId, QUOTES[2]);
}, 60_000);

describe("route inventory", () => {
  it("has an expectation for every route handler and method found in app/api/v1", () => {
    const missing = routes.map((route) => route.key).filter((key) => !(key in EXPECTATIONS));
    expect(missing, "routes without an isolation expectation").toEqual([]);
  });

  it("has no expectation for a route that no longer exists", () => {
    const found = new Set(routes.map((route) => route.key));
    expect(Object.keys(EXPECTATIONS).filter((key) => !found.has(key))).toEqual([]);
  });

  it("finds the routes the design promises (the walk itself works)", () => {
    const keys = routes.map((route) => route.key);
    expect(keys).toContain("POST /api/v1/articles/[id]/annotations");
    expect(keys).toContain("DELETE /api/v1/teams/[team]/tokens/[id]");
    expect(keys.length).toBeGreaterThan(40);
  });
});

describe("server actions and pages (static: they need next/headers)", () => {
  // Actions open to people who are not signed in yet, by design.
  const UNAUTHENTICATED_ACTIONS = new Set([
    "app/register/actions.ts#registerAction",
    "app/signin/actions.ts#signInAction",
  ]);

  it.each(listServerActions().map((action) => [action.key, action] as const))(
    "%s authenticates and delegates to lib/",
    (_key, action) => {
      expect(action.source).toMatch(/^["']use server["']/m);
      expect(action.source, "no Prisma in app/: access is checked in lib/").not.toMatch(/@\/lib\/db|\bdb\./);
      const body = functionBody(action.source, action.name);
      if (!UNAUTHENTICATED_ACTIONS.has(action.key)) expectUserPassedToLib(body, action.key);
      expect(action.source).toMatch(/from "@\/lib\/(?!auth\/current-user)/);
    },
  );

  it.each(
    listPages()
      .filter((page) => page.file.startsWith("app/t/[team]/"))
      .map((page) => [page.file, page] as const),
  )("%s requires a signed-in user and reads through lib/", (_file, page) => {
    expect(page.source, "no Prisma in app/: access is checked in lib/").not.toMatch(/@\/lib\/db|\bdb\./);
    expectUserPassedToLib(page.source, page.file);
  });
});

/** The code signs the user in (requireCurrentUser) and hands that user to a lib/ access check or use case. */
function expectUserPassedToLib(code: string, where: string): void {
  const signedIn = code.match(/const (\w+) = await requireCurrentUser\(/);
  expect(signedIn, `${where} must call requireCurrentUser`).not.toBeNull();
  const name = signedIn![1]!;
  expect(code, `${where} must pass ${name} to a lib/ function that checks access`).toMatch(
    // `actor: user`, or the shorthand `{ actor, ... }` when the variable is itself named actor.
    new RegExp(
      `(\\w+OrThrow\\(\\s*${name}\\b|actor:\\s*${name}\\b${name === "actor" ? "|[{,]\\s*actor\\s*[,}]" : ""})`,
    ),
  );
}

/** The source of one exported function, up to the next top-level export. */
function functionBody(source: string, name: string): string {
  const startAt = source.indexOf(`function ${name}`);
  const next = source.indexOf("\nexport ", startAt + 1);
  return source.slice(startAt, next === -1 ? undefined : next);
}

const keys = Object.keys(EXPECTATIONS);

describe("team A's members get what the permission table gives them", () => {
  const cases = keys.flatMap((key) => MEMBERS.map((member) => [key, member] as const));
  it.each(cases)("%s as %s", async (key, member) => {
    const route = routes.find((candidate) => candidate.key === key)!;
    const expectation = EXPECTATIONS[key]!;
    const call = (await expectation.call?.(world, member)) ?? {};
    const params = { ...defaultParams(world, route), ...call.params };
    const user = call.as ?? memberUser(world, member);
    const answer = await send(route, { cookie: await cookieFor(world, user) }, params, call);
    expect(answer.status, `${key} as ${member}: ${answer.text.slice(0, 300)}`).toBe(
      expectation.members[member],
    );
  });
});

describe("outsiders learn nothing about team A", () => {
  const cases = keys.flatMap((key) => (["session", "token"] as const).map((how) => [key, how] as const));
  it.each(cases)("%s as team B's %s", async (key, how) => {
    const route = routes.find((candidate) => candidate.key === key)!;
    const expectation = EXPECTATIONS[key]!;
    const call: Call = expectation.outsiderCall
      ? await expectation.outsiderCall(world)
      : ((await expectation.call?.(world, "admin")) ?? {});
    const params = { ...defaultParams(world, route), ...call.params };
    const auth: TestAuth =
      how === "session" ? { cookie: await cookieFor(world, world.b.admin) } : { bearer: world.bToken };
    const answer = await send(route, auth, params, call);
    expect(answer.text.toUpperCase(), `${key}: team A's data in an outsider's response`).not.toContain(
      MARKER,
    );
    if (expectation.scope === "public") {
      expect(answer.status).toBe(200);
    } else if (expectation.scope === "user") {
      expect(answer.status, answer.text.slice(0, 300)).toBe(expectation.outsider?.[how] ?? 200);
    } else {
      const ghost = await send(route, auth, ghostParams(params), call);
      expect(
        { status: answer.status, code: errorCode(answer) },
        `${key}: team A's resource must look exactly like one that does not exist`,
      ).toEqual({ status: ghost.status, code: errorCode(ghost) });
      // A 403 is only acceptable when it does not depend on the resource (an API token may never
      // accept invites or mint tokens, whatever the team): the ghost got it too, checked above.
      if (ghost.status !== 403) expect(answer.status, answer.text.slice(0, 300)).toBe(404);
    }
  });

  it("left team A's long-lived resources untouched", async () => {
    expect(await db.annotation.count({ where: { id: world.annotationId, deletedAt: null } })).toBe(1);
    expect(await db.evidence.count({ where: { id: world.evidenceId } })).toBe(1);
    expect(await db.membership.count({ where: { teamId: world.a.id, userId: world.b.admin.id } })).toBe(0);
    const viewer = await db.membership.findFirst({
      where: { teamId: world.a.id, userId: world.a.viewer.id },
    });
    expect(viewer?.role).toBe("VIEWER");
  });
});

describe("unauthenticated callers", () => {
  it.each(keys)("%s", async (key) => {
    const route = routes.find((candidate) => candidate.key === key)!;
    const expectation = EXPECTATIONS[key]!;
    const call = (await expectation.call?.(world, "admin")) ?? {};
    const answer = await send(route, null, { ...defaultParams(world, route), ...call.params }, call);
    expect(answer.text.toUpperCase()).not.toContain(MARKER);
    expect(answer.status).toBe(expectation.scope === "public" ? 200 : 401);
  });
});

// A user who is in no team at all is the purest outsider: reading team A by id must be a 404 too.
describe("a user in no team", () => {
  it("gets 404 for team A's article and annotation", async () => {
    const loner = await createUser();
    const auth = { cookie: await cookieFor(world, loner) };
    for (const key of [
      "GET /api/v1/articles/[id]",
      "GET /api/v1/annotations/[id]",
      "GET /api/v1/teams/[team]",
    ]) {
      const route = routes.find((candidate) => candidate.key === key)!;
      const answer = await send(route, auth, defaultParams(world, route), {});
      expect(answer.status, key).toBe(404);
      expect(answer.text.toUpperCase()).not.toContain(MARKER);
    }
  });
});

// Team A's ids smuggled into requests on team B's own resources: the route is theirs, the
// reference is not, and it must be as unknown as a random id.
describe("team A's ids inside team B's own requests", () => {
  let bArticleId: string;
  let bAnnotationId: string;
  let auth: TestAuth;

  beforeAll(async () => {
    bArticleId = await createMarkedArticle(world.b.id, world.b.annotator.id);
    await db.article.update({
      where: { id: bArticleId },
      data: { title: "Bravo article", byline: null, sourceUrl: null },
    });
    bAnnotationId = await createMarkedAnnotation(world.b.annotator.actor, bArticleId, QUOTES[0]);
    await db.annotation.update({ where: { id: bAnnotationId }, data: { note: "bravo note" } });
    auth = { cookie: await cookieFor(world, world.b.admin) };
  });

  async function asTeamB(key: string, params: Record<string, string>, call: Call, ghostCall: Call) {
    const route = routes.find((candidate) => candidate.key === key)!;
    const answer = await send(route, auth, params, call);
    const ghost = await send(route, auth, params, ghostCall);
    expect(answer.text.toUpperCase(), key).not.toContain(MARKER);
    expect({ status: answer.status, code: errorCode(answer) }, key).toEqual({
      status: ghost.status,
      code: errorCode(ghost),
    });
    return answer;
  }

  it("bulk review of team A's annotation through team B is a 404", async () => {
    const answer = await asTeamB(
      "POST /api/v1/teams/[team]/reviews/bulk",
      { team: world.b.slug },
      { body: { decision: "approve", annotationIds: [world.otherAnnotationId] } },
      { body: { decision: "approve", annotationIds: [randomUUID()] } },
    );
    expect(answer.status).toBe(404);
    const untouched = await db.annotation.findUniqueOrThrow({ where: { id: world.otherAnnotationId } });
    expect(untouched.status).toBe("PENDING");
  });

  it("settling a disagreement made of team A's annotations through team B is a 404", async () => {
    const answer = await asTeamB(
      "POST /api/v1/teams/[team]/review-queue/settle",
      { team: world.b.slug },
      {
        body: { annotationIds: [world.annotationId, world.otherAnnotationId], label: "opinion", reason: "x" },
      },
      { body: { annotationIds: [randomUUID(), randomUUID()], label: "opinion", reason: "x" } },
    );
    expect(answer.status).toBe(404);
  });

  it("evidence on team B's annotation citing team A's annotation is refused like an unknown one", async () => {
    const answer = await asTeamB(
      "POST /api/v1/annotations/[id]/evidence",
      { id: bAnnotationId },
      { body: { relation: "corroborates", targetAnnotationId: world.annotationId } },
      { body: { relation: "corroborates", targetAnnotationId: randomUUID() } },
    );
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(await db.evidence.count({ where: { targetAnnotationId: world.annotationId } })).toBe(0);
  });

  it.each([
    ["review queue", "GET /api/v1/teams/[team]/review-queue"],
    ["disagreements", "GET /api/v1/teams/[team]/review-queue/disagreements"],
  ])("team B's %s filtered by team A's article show nothing of it", async (_name, key) => {
    const answer = await asTeamB(
      key,
      { team: world.b.slug },
      { query: `article=${world.articleId}` },
      { query: `article=${randomUUID()}` },
    );
    expect(answer.status).toBe(200);
  });

  it("marking team A's notifications read as team B's admin changes nothing", async () => {
    const theirs = await db.notification.findMany({
      where: { user: { memberships: { some: { teamId: world.a.id } } }, readAt: null },
    });
    expect(theirs.length, "the fixture world gives team A notifications").toBeGreaterThan(0);
    await asTeamB(
      "POST /api/v1/notifications/read",
      {},
      { body: { ids: theirs.map((notification) => notification.id) } },
      { body: { ids: theirs.map(() => randomUUID()) } },
    );
    expect(
      await db.notification.count({ where: { id: { in: theirs.map((n) => n.id) }, readAt: null } }),
    ).toBe(theirs.length);
  });
});
