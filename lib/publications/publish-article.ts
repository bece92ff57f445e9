import { randomBytes } from "node:crypto";
import { getArticleHeaderAccessOrThrow } from "../articles/get-article.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor, ArticleTarget } from "../auth/actor.ts";
import { db, type Tx } from "../db.ts";
import { AppError, notFound } from "../errors.ts";
import { articlePageUrl } from "../events/event-links.ts";
import { eventActor, recordEvent } from "../events/record-event.ts";
import { claimNumbersOf } from "../export/load-claim-reviews.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { assertCan } from "../teams/access.ts";
import { forgetPublicPage } from "./public-page-cache.ts";
import { buildPublicationSnapshot } from "./snapshot.ts";

/** A publication as its API returns it. */
export interface PublicationJson {
  /** The public page's path, `/p/{publicId}`. */
  url: string;
  publicId: string;
  version: number;
  publishedAt: string;
  updatedAt: string;
}

/** 128 random bits, base64url: the public id cannot be guessed or enumerated. */
export function newPublicId(): string {
  return randomBytes(16).toString("base64url");
}

function toPublicationJson(row: {
  publicId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}): PublicationJson {
  return {
    url: `/p/${row.publicId}`,
    publicId: row.publicId,
    version: row.version,
    publishedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function publishingAccess(actor: Actor, articleId: string) {
  const { article, access } = await getArticleHeaderAccessOrThrow(actor, articleId);
  assertCan(access, "article.publish", "Only moderators and admins publish articles");
  return { article, access };
}

/** The `article.published` event (publish and republish), next to the audit event. */
async function recordPublishedEvent(
  tx: Tx,
  {
    access,
    article,
    actor,
    publication,
    republished,
  }: {
    access: Awaited<ReturnType<typeof publishingAccess>>["access"];
    article: Awaited<ReturnType<typeof publishingAccess>>["article"];
    actor: Actor;
    publication: PublicationJson;
    republished: boolean;
  },
): Promise<void> {
  const [{ title }, user] = await Promise.all([
    tx.article.findUniqueOrThrow({ where: { id: article.id }, select: { title: true } }),
    tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } }),
  ]);
  await recordEvent(tx, {
    teamId: access.team.id,
    type: "article.published",
    data: {
      article: { id: article.id, title, url: articlePageUrl(access.team.slug, article.id) },
      publication: { ...publication, republished },
      actor: eventActor(actor, user?.name ?? null),
    },
  });
}

/**
 * Publishes an article (moderators, admins): copies what may be public into a snapshot (the
 * approved passages, the verdicts and their public evidence) under a new unguessable public id.
 * @throws AppError not_found | forbidden | conflict (already published: PUT republishes)
 */
export async function publishArticle({ actor, articleId }: ArticleTarget): Promise<PublicationJson> {
  const { article, access } = await publishingAccess(actor, articleId);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Article" WHERE id = ${article.id}::uuid FOR UPDATE`;
    if (await tx.publication.findUnique({ where: { articleId: article.id }, select: { id: true } })) {
      throw new AppError("conflict", "This article is already published; republish it to update the page");
    }
    const now = new Date();
    const snapshot = await buildPublicationSnapshot(tx, {
      teamId: access.team.id,
      teamName: access.team.name,
      articleId: article.id,
      previous: {},
      now,
    });
    const row = await tx.publication.create({
      data: {
        teamId: access.team.id,
        articleId: article.id,
        publicId: newPublicId(),
        snapshot: snapshot as unknown as Prisma.InputJsonValue,
        publishedById: access.userId,
      },
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "article.publish",
      entityType: "article",
      entityId: article.id,
      after: { publicId: row.publicId, claims: Object.keys(snapshot.claimNumbers).length },
    });
    const publication = toPublicationJson(row);
    await recordPublishedEvent(tx, { access, article, actor, publication, republished: false });
    return publication;
  });
}

/**
 * Republishes an article's current state under the same public id (claim numbers kept).
 * @throws AppError not_found (article, or not published) | forbidden
 */
export async function republishArticle({ actor, articleId }: ArticleTarget): Promise<PublicationJson> {
  const { article, access } = await publishingAccess(actor, articleId);
  const result = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Article" WHERE id = ${article.id}::uuid FOR UPDATE`;
    const current = await tx.publication.findUnique({ where: { articleId: article.id } });
    if (!current) throw notFound("Publication");
    const snapshot = await buildPublicationSnapshot(tx, {
      teamId: access.team.id,
      teamName: access.team.name,
      articleId: article.id,
      previous: claimNumbersOf(current.snapshot),
      now: new Date(),
    });
    const row = await tx.publication.update({
      where: { id: current.id },
      data: {
        snapshot: snapshot as unknown as Prisma.InputJsonValue,
        version: { increment: 1 },
        publishedById: access.userId,
      },
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "article.republish",
      entityType: "article",
      entityId: article.id,
      before: { version: current.version },
      after: { publicId: row.publicId, version: row.version },
    });
    const publication = toPublicationJson(row);
    await recordPublishedEvent(tx, { access, article, actor, publication, republished: true });
    return publication;
  });
  forgetPublicPage(result.publicId);
  return result;
}

/**
 * Unpublishes an article: its publication row is deleted, so the public URL answers 404 at once
 * on every instance (each request checks the row; see public-page-cache.ts).
 * @throws AppError not_found (article, or not published) | forbidden
 */
export async function unpublishArticle({ actor, articleId }: ArticleTarget): Promise<void> {
  const { article, access } = await publishingAccess(actor, articleId);
  const publicId = await db.$transaction(async (tx) => {
    const current = await tx.publication.findUnique({ where: { articleId: article.id } });
    if (!current) throw notFound("Publication");
    await tx.publication.delete({ where: { id: current.id } });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "article.unpublish",
      entityType: "article",
      entityId: article.id,
      before: { publicId: current.publicId, version: current.version },
    });
    return current.publicId;
  });
  forgetPublicPage(publicId);
}

/**
 * Whether an article is published, and where (every member of its team).
 * @throws AppError not_found | forbidden (token without read)
 */
export async function getPublication({ actor, articleId }: ArticleTarget): Promise<PublicationJson | null> {
  const { article, access } = await getArticleHeaderAccessOrThrow(actor, articleId);
  assertCan(access, "team.read");
  const row = await db.publication.findUnique({ where: { articleId: article.id } });
  return row ? toPublicationJson(row) : null;
}
