import { getArticleAccessOrThrow } from "../articles/get-article.ts";
import type { ArticleTarget, TeamTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { annotationViewerOf, visibleAnnotationWhere } from "../rounds/annotation-visibility.ts";
import { assertCan, requireTeamAction } from "../teams/access.ts";
import { type LabelName, labelName, type StatusName, statusName } from "../validation/annotations.ts";
import { krippendorffAlphaNominal } from "./krippendorff-alpha.ts";
import {
  type Composition,
  type CompositionCounts,
  countComposition,
  toComposition,
} from "./text-composition.ts";
import { type AgreementUnit, type SpanForAgreement, unitiseAnnotations } from "./unitise-annotations.ts";

/** Agreement figures of an article or a team, as the API returns them. */
export interface AgreementJson {
  /** Nominal Krippendorff's alpha over the pairable units; null when undefined. */
  alpha: number | null;
  /** Units (clusters of overlapping spans) in all. */
  units: number;
  /** Units tagged by at least two annotators: the ones alpha rests on. */
  pairable: number;
  /** Pairable units where the annotators gave different labels. */
  disagreements: number;
  counts: { byLabel: Record<LabelName, number>; byStatus: Record<StatusName, number> };
  composition: Composition;
  /** The characters behind `composition` (UTF-16 code units). */
  characters: CompositionCounts;
}

const AGREEMENT_SELECT = {
  id: true,
  articleId: true,
  authorId: true,
  label: true,
  status: true,
  start: true,
  end: true,
  orphaned: true,
  createdAt: true,
  // The annotator's own label: a moderator's relabel keeps it as the first relabel's fromLabel.
  reviews: {
    where: { decision: "RELABEL" },
    orderBy: { createdAt: "asc" },
    take: 1,
    select: { fromLabel: true },
  },
} satisfies Prisma.AnnotationSelect;

type Row = Prisma.AnnotationGetPayload<{ select: typeof AGREEMENT_SELECT }>;

function spansForAgreement(rows: Row[]): SpanForAgreement[] {
  return rows
    .filter((row) => !row.orphaned)
    .map((row) => ({
      id: row.id,
      authorId: row.authorId,
      label: labelName(row.reviews[0]?.fromLabel ?? row.label),
      start: row.start,
      end: row.end,
      createdAt: row.createdAt,
    }));
}

function summarise(units: AgreementUnit[], rows: Row[], characters: CompositionCounts): AgreementJson {
  const values = units.map((unit) => [...unit.values.values()]);
  const result = krippendorffAlphaNominal(values);
  const byLabel: Record<LabelName, number> = { fact: 0, opinion: 0, advocacy: 0 };
  const byStatus: Record<StatusName, number> = { pending: 0, approved: 0, rejected: 0 };
  for (const row of rows) {
    byLabel[labelName(row.label)]++;
    byStatus[statusName(row.status)]++;
  }
  return {
    alpha: result.alpha,
    units: units.length,
    pairable: result.pairableUnits,
    disagreements: values.filter((unit) => unit.length > 1 && new Set(unit).size > 1).length,
    counts: { byLabel, byStatus },
    composition: toComposition(characters),
    characters,
  };
}

function compositionOf(length: number, rows: Row[]): CompositionCounts {
  // Rejected tags and orphaned ones (their text is gone) do not describe the current text.
  return countComposition(
    length,
    rows
      .filter((row) => !row.orphaned && row.status !== "REJECTED")
      .map((row) => ({ label: labelName(row.label), start: row.start, end: row.end })),
  );
}

/**
 * Label agreement among an article's annotators (nominal Krippendorff's alpha over clusters of
 * overlapping spans), counts per label and status, and the share of its text under each label.
 * @throws AppError not_found | forbidden (token without read)
 */
export async function getArticleAgreement({ actor, articleId }: ArticleTarget): Promise<AgreementJson> {
  const { article, access } = await getArticleAccessOrThrow(actor, articleId);
  assertCan(access, "team.read");
  const rows = await db.annotation.findMany({
    where: { articleId: article.id, deletedAt: null, ...visibleAnnotationWhere(annotationViewerOf(access)) },
    select: AGREEMENT_SELECT,
  });
  return summarise(
    unitiseAnnotations(spansForAgreement(rows)),
    rows,
    compositionOf(article.text.length, rows),
  );
}

/**
 * The same figures for a whole team: units of all its live articles pooled into one reliability
 * matrix, compositions summed over their characters.
 * @throws AppError not_found | forbidden (token without read)
 */
export async function getTeamAgreement({ actor, teamSlug }: TeamTarget): Promise<AgreementJson> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.read");
  const [articles, rows] = await Promise.all([
    db.article.findMany({
      where: { teamId: access.team.id, deletedAt: null },
      select: { id: true, text: true },
    }),
    db.annotation.findMany({
      where: {
        AND: [
          { teamId: access.team.id, deletedAt: null, article: { deletedAt: null } },
          visibleAnnotationWhere(annotationViewerOf(access)),
        ],
      },
      select: AGREEMENT_SELECT,
    }),
  ]);
  const byArticle = new Map<string, Row[]>();
  for (const row of rows) byArticle.set(row.articleId, [...(byArticle.get(row.articleId) ?? []), row]);
  const units: AgreementUnit[] = [];
  const total: CompositionCounts = { length: 0, fact: 0, opinion: 0, advocacy: 0, untagged: 0 };
  for (const article of articles) {
    const own = byArticle.get(article.id) ?? [];
    units.push(...unitiseAnnotations(spansForAgreement(own)));
    const counts = compositionOf(article.text.length, own);
    for (const key of Object.keys(total) as (keyof CompositionCounts)[]) total[key] += counts[key];
  }
  return summarise(units, rows, total);
}
