import { unitiseAnnotations } from "../agreement/unitise-annotations.ts";
import { ANNOTATION_INCLUDE, type AnnotationJson, toAnnotationJson } from "../annotations/annotation-json.ts";
import { db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { TeamAccess } from "../teams/access.ts";

// The disagreements listed come from at most this many articles per request; the queue shows
// 50 at a time, and settling them brings the next ones in.
const MAX_CANDIDATE_ARTICLES = 200;

/** Overlapping tags of one passage by different annotators with different labels. */
export interface DisagreementJson {
  /** Stable while the group is unchanged: the ids of its annotations, sorted and joined. */
  key: string;
  article: { id: string; title: string };
  start: number;
  end: number;
  /** The passage the group covers (article text at [start, end)). */
  text: string;
  /** Every side, each with its evidence counts and status. */
  annotations: AnnotationJson[];
}

/**
 * The team's open disagreements: clusters of overlapping live, unrejected tags of one article
 * where at least two annotators gave different labels and at least one tag is still pending.
 * The caller has checked `annotation.review` on `access`.
 * @throws nothing beyond database errors
 */
export async function listDisagreements(
  access: TeamAccess,
  options: { articleId?: string; limit?: number } = {},
): Promise<DisagreementJson[]> {
  // Only articles where a pending tag overlaps a differently labelled tag by someone else can
  // hold an open disagreement; finding them in SQL keeps a team with a million annotations from
  // being loaded whole.
  const candidates = await db.$queryRaw<{ articleId: string }[]>`
    SELECT DISTINCT a."articleId"
    FROM "Annotation" a
    JOIN "Annotation" b
      ON b."articleId" = a."articleId" AND b.id <> a.id AND b."authorId" <> a."authorId"
     AND b.label <> a.label AND b.start < a."end" AND a.start < b."end"
    JOIN "Article" art ON art.id = a."articleId" AND art."deletedAt" IS NULL
    WHERE a."teamId" = ${access.team.id}::uuid
      AND a.status = 'PENDING' AND a."deletedAt" IS NULL AND NOT a.orphaned
      AND b."deletedAt" IS NULL AND NOT b.orphaned AND b.status <> 'REJECTED'
      ${options.articleId ? Prisma.sql`AND a."articleId" = ${options.articleId}::uuid` : Prisma.empty}
    LIMIT ${MAX_CANDIDATE_ARTICLES}`;
  if (candidates.length === 0) return [];
  const articleIds = candidates.map((row) => row.articleId);
  const articles = new Map(
    (
      await db.article.findMany({
        where: { id: { in: articleIds } },
        select: { id: true, title: true, text: true },
      })
    ).map((article) => [article.id, article]),
  );
  const rows = (
    await db.annotation.findMany({
      where: {
        teamId: access.team.id,
        articleId: { in: articleIds },
        deletedAt: null,
        orphaned: false,
        status: { not: "REJECTED" },
      },
      include: ANNOTATION_INCLUDE,
      orderBy: [{ articleId: "asc" }, { start: "asc" }],
    })
  ).map((row) => ({ ...row, article: articles.get(row.articleId)! }));
  const byArticle = new Map<string, typeof rows>();
  for (const row of rows) byArticle.set(row.articleId, [...(byArticle.get(row.articleId) ?? []), row]);
  const groups: DisagreementJson[] = [];
  for (const own of byArticle.values()) {
    const byId = new Map(own.map((row) => [row.id, row]));
    const units = unitiseAnnotations(own.map((row) => ({ ...row, label: row.label as string })));
    for (const unit of units) {
      const members = unit.annotationIds.map((id) => byId.get(id)!);
      const authors = new Set(members.map((row) => row.authorId));
      const labels = new Set(members.map((row) => row.label));
      if (authors.size < 2 || labels.size < 2 || !members.some((row) => row.status === "PENDING")) continue;
      const article = members[0]!.article;
      groups.push({
        key: [...unit.annotationIds].sort().join("."),
        article: { id: article.id, title: article.title },
        start: unit.start,
        end: unit.end,
        text: article.text.slice(unit.start, unit.end),
        annotations: members.map(toAnnotationJson),
      });
    }
  }
  groups.sort((a, b) => a.annotations[0]!.createdAt.localeCompare(b.annotations[0]!.createdAt));
  return groups.slice(0, options.limit ?? 50);
}
