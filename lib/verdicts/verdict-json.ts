import type { Db, Tx } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { type RatingJson, toRatingJson } from "./rating-scale.ts";
import { renderConclusion } from "./render-conclusion.ts";

/** A verdict as the API, the live state and the exports carry it. */
export interface VerdictJson {
  id: string;
  annotationId: string;
  articleId: string;
  rating: RatingJson;
  /** Markdown as written. */
  conclusion: string;
  /** The conclusion rendered to sanitized HTML (no raw HTML, safe links only). */
  conclusionHtml: string;
  /** The evidence items of the annotation it rests on that still exist. */
  evidenceIds: string[];
  author: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
}

const VERDICT_INCLUDE = {
  rating: { select: { id: true, label: true, value: true, colour: true, position: true } },
  author: { select: { id: true, name: true } },
  annotation: { select: { articleId: true } },
} as const;

/**
 * The verdicts matching `where` (scoped by the caller) with only their evidence ids that are
 * still live evidence of their own annotation, in two queries.
 * @throws nothing beyond database errors
 */
export async function loadVerdicts(client: Db | Tx, where: Prisma.VerdictWhereInput): Promise<VerdictJson[]> {
  const rows = await client.verdict.findMany({
    where: { ...where, annotation: { deletedAt: null, ...(where.annotation as object | undefined) } },
    include: VERDICT_INCLUDE,
    orderBy: { createdAt: "asc" },
  });
  if (rows.length === 0) return [];
  const live = await client.evidence.findMany({
    where: { id: { in: rows.flatMap((row) => row.evidenceIds) }, deletedAt: null },
    select: { id: true, annotationId: true },
  });
  const liveKey = new Set(live.map((item) => `${item.annotationId}:${item.id}`));
  return rows.map((row) => ({
    id: row.id,
    annotationId: row.annotationId,
    articleId: row.annotation.articleId,
    rating: toRatingJson(row.rating),
    conclusion: row.conclusion,
    conclusionHtml: renderConclusion(row.conclusion),
    evidenceIds: row.evidenceIds.filter((id) => liveKey.has(`${row.annotationId}:${id}`)),
    author: row.author,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}
