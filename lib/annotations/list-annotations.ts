import { getArticleHeaderAccessOrThrow } from "../articles/get-article.ts";
import type { Actor } from "../auth/actor.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { annotationViewerOf, visibleAnnotationSql } from "../rounds/annotation-visibility.ts";
import { assertCan } from "../teams/access.ts";
import { ZListAnnotationsQuery } from "../validation/annotations.ts";
import { type AnnotationJson, toAnnotationJson } from "./annotation-json.ts";
import { readAnnotationRows } from "./read-annotation-rows.ts";

/**
 * An article's annotations in document order (orphaned ones last), optionally filtered by
 * label, status, author and orphaned state; read in one query with their relations.
 * @throws AppError not_found | forbidden | invalid_input
 */
export async function listAnnotations({
  actor,
  articleId,
  query = {},
}: {
  actor: Actor;
  articleId: string;
  query?: Record<string, unknown>;
}): Promise<AnnotationJson[]> {
  // The header only: the body (text, Yjs state, JSON) is not needed to list annotations.
  const { article, access } = await getArticleHeaderAccessOrThrow(actor, articleId);
  assertCan(access, "team.read");
  const filter = ZListAnnotationsQuery.parse(query);
  const where = [
    Prisma.sql`a."articleId" = ${article.id}::uuid`,
    Prisma.sql`a."deletedAt" IS NULL`,
    visibleAnnotationSql(annotationViewerOf(access)),
  ];
  if (filter.label) where.push(Prisma.sql`a.label = ${filter.label.toUpperCase()}::"Label"`);
  if (filter.status) where.push(Prisma.sql`a.status = ${filter.status.toUpperCase()}::"AnnotationStatus"`);
  if (filter.author) where.push(Prisma.sql`a."authorId" = ${filter.author}::uuid`);
  if (filter.orphaned) where.push(Prisma.sql`a.orphaned = ${filter.orphaned === "true"}`);
  const rows = await readAnnotationRows(
    Prisma.join(where, " AND "),
    Prisma.sql`a.orphaned ASC, a.start ASC, a."end" DESC, a."createdAt" ASC`,
  );
  return rows.map(toAnnotationJson);
}
