import type { Anchor } from "../anchors/anchor.ts";
import type { AnnotationStatus, Label } from "../generated/prisma/enums.ts";
import { type LabelName, labelName, type StatusName, statusName } from "../validation/annotations.ts";

/** The fields an annotation's row and its JSON carry alike. */
export interface AnnotationColumns {
  id: string;
  articleId: string;
  note: string | null;
  quote: string;
  prefix: string;
  suffix: string;
  /** Offsets into the article's plain text, in UTF-16 code units. */
  start: number;
  end: number;
  orphaned: boolean;
  version: number;
  author: { id: string; name: string };
  /** The blind round it was made in (docs/MODERATION.md); null outside rounds. */
  roundId?: string | null;
}

/** An annotation as the API returns it and as the live annotation state carries it. */
export interface AnnotationJson extends AnnotationColumns {
  label: LabelName;
  status: StatusName;
  anchor: Anchor;
  evidence: { corroborates: number; contradicts: number };
  /** How many live evidence items of other annotations cite this one ("cited as evidence by"). */
  citedBy?: number;
  /** The latest moderator decision (lib/reviews), shown on the highlight; null before any review. */
  review?: AnnotationReviewJson | null;
  createdAt: string;
  updatedAt: string;
}

/** The latest review of an annotation as the highlight shows it. */
export interface AnnotationReviewJson {
  decision: "approve" | "reject" | "relabel";
  reason: string | null;
  fromLabel: LabelName | null;
  toLabel: LabelName | null;
  moderator: { id: string; name: string };
  createdAt: string;
}

export interface AnnotationRow extends AnnotationColumns {
  label: Label;
  status: AnnotationStatus;
  anchor: unknown;
  createdAt: Date;
  updatedAt: Date;
  evidence?: { relation: "CORROBORATES" | "CONTRADICTS" }[];
  _count?: { citedBy: number };
  reviews?: {
    decision: "APPROVE" | "REJECT" | "RELABEL";
    reason: string | null;
    fromLabel: Label | null;
    toLabel: Label | null;
    createdAt: Date;
    moderator: { id: string; name: string };
  }[];
}

/** The include that every annotation read uses, so rows always map to AnnotationJson. */
export const ANNOTATION_INCLUDE = {
  author: { select: { id: true, name: true } },
  evidence: { where: { deletedAt: null }, select: { relation: true } },
  _count: {
    select: {
      citedBy: { where: { deletedAt: null, annotation: { deletedAt: null, article: { deletedAt: null } } } },
    },
  },
  reviews: {
    orderBy: { createdAt: "desc" },
    take: 1,
    select: {
      decision: true,
      reason: true,
      fromLabel: true,
      toLabel: true,
      createdAt: true,
      moderator: { select: { id: true, name: true } },
    },
  },
} as const;

/** Maps an annotation row to its API form. */
export function toAnnotationJson(row: AnnotationRow): AnnotationJson {
  const evidence = row.evidence ?? [];
  const review = row.reviews?.[0];
  return {
    id: row.id,
    articleId: row.articleId,
    label: labelName(row.label),
    status: statusName(row.status),
    note: row.note,
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    start: row.start,
    end: row.end,
    orphaned: row.orphaned,
    version: row.version,
    author: { id: row.author.id, name: row.author.name },
    roundId: row.roundId ?? null,
    anchor: row.anchor as Anchor,
    evidence: {
      corroborates: evidence.filter((item) => item.relation === "CORROBORATES").length,
      contradicts: evidence.filter((item) => item.relation === "CONTRADICTS").length,
    },
    citedBy: row._count?.citedBy ?? 0,
    review: review
      ? {
          decision: review.decision.toLowerCase() as AnnotationReviewJson["decision"],
          reason: review.reason,
          fromLabel: review.fromLabel ? labelName(review.fromLabel) : null,
          toLabel: review.toLabel ? labelName(review.toLabel) : null,
          moderator: { id: review.moderator.id, name: review.moderator.name },
          createdAt: review.createdAt.toISOString(),
        }
      : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
