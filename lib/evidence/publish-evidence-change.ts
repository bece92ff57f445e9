import { ANNOTATION_INCLUDE, toAnnotationJson } from "../annotations/annotation-json.ts";
import { publishAnnotations } from "../annotations/live-state.ts";
import { db } from "../db.ts";
import { getLogger } from "../observability/logger.ts";

/**
 * After an evidence change committed, publishes the fresh state of the annotation it supports
 * (its ✓/✗ counts) and of an internal target (its "cited as evidence by" count) to everyone
 * who has either article open. Deleted annotations are skipped.
 * @throws nothing (publishAnnotations logs failures; clients catch up on reload)
 */
export async function publishEvidenceChange(annotationIds: readonly (string | null)[]): Promise<void> {
  const ids = [...new Set(annotationIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  let rows: Awaited<ReturnType<typeof loadRows>>;
  try {
    rows = await loadRows(ids);
  } catch (error) {
    getLogger().error({ err: error }, "[evidence] reading annotations to publish failed");
    return;
  }
  const byArticle = new Map<string, ReturnType<typeof toAnnotationJson>[]>();
  for (const row of rows) {
    const list = byArticle.get(row.articleId) ?? [];
    list.push(toAnnotationJson(row));
    byArticle.set(row.articleId, list);
  }
  for (const [articleId, upsert] of byArticle) await publishAnnotations(articleId, { upsert });
}

function loadRows(ids: string[]) {
  return db.annotation.findMany({
    where: { id: { in: ids }, deletedAt: null, article: { deletedAt: null } },
    include: ANNOTATION_INCLUDE,
  });
}

/**
 * After an annotation was deleted, republishes the annotations it cited as evidence, so their
 * "cited as evidence by" counts drop for everyone with those articles open.
 * @throws nothing (failures are logged; clients catch up on reload)
 */
export async function publishTargetsOfDeletedAnnotation(annotationId: string): Promise<void> {
  let targets: { targetAnnotationId: string | null }[];
  try {
    targets = await db.evidence.findMany({
      where: { annotationId, deletedAt: null, targetAnnotationId: { not: null } },
      select: { targetAnnotationId: true },
    });
  } catch (error) {
    getLogger().error({ err: error }, "[evidence] reading the targets of a deleted annotation failed");
    return;
  }
  await publishEvidenceChange(targets.map((target) => target.targetAnnotationId));
}
