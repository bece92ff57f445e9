import { unitiseAnnotations } from "../agreement/unitise-annotations.ts";
import { ANNOTATION_INCLUDE, type AnnotationJson, toAnnotationJson } from "../annotations/annotation-json.ts";
import { db } from "../db.ts";
import type { TeamAccess } from "../teams/access.ts";

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
  const rows = await db.annotation.findMany({
    where: {
      teamId: access.team.id,
      deletedAt: null,
      orphaned: false,
      status: { not: "REJECTED" },
      article: { deletedAt: null },
      ...(options.articleId ? { articleId: options.articleId } : {}),
    },
    include: { ...ANNOTATION_INCLUDE, article: { select: { id: true, title: true, text: true } } },
    orderBy: [{ articleId: "asc" }, { start: "asc" }],
  });
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
