import { getArticleAccessOrThrow } from "../articles/get-article.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import type { AnnotationStatus, Label } from "../generated/prisma/enums.ts";
import { assertCan } from "../teams/access.ts";
import { ZListAnnotationsQuery } from "../validation/annotations.ts";
import { ANNOTATION_INCLUDE, type AnnotationJson, toAnnotationJson } from "./annotation-json.ts";

/**
 * An article's annotations in document order (orphaned ones last), optionally filtered by
 * label, status, author and orphaned state.
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
  const { article, access } = await getArticleAccessOrThrow(actor, articleId);
  assertCan(access, "team.read");
  const filter = ZListAnnotationsQuery.parse(query);
  const rows = await db.annotation.findMany({
    where: {
      articleId: article.id,
      deletedAt: null,
      ...(filter.label ? { label: filter.label.toUpperCase() as Label } : {}),
      ...(filter.status ? { status: filter.status.toUpperCase() as AnnotationStatus } : {}),
      ...(filter.author ? { authorId: filter.author } : {}),
      ...(filter.orphaned ? { orphaned: filter.orphaned === "true" } : {}),
    },
    include: ANNOTATION_INCLUDE,
    orderBy: [{ orphaned: "asc" }, { start: "asc" }, { end: "desc" }, { createdAt: "asc" }],
  });
  return rows.map(toAnnotationJson);
}
