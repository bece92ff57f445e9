import { z } from "zod";
import { ZAnchor } from "../../anchors/anchor.ts";
import { LABELS, STATUSES, ZLabel } from "../annotations.ts";
import { DECISIONS } from "../reviews.ts";
import { ZId, ZTimestamp, ZUserRef } from "./common.ts";

export const ZLabelName = ZLabel.meta({ id: "Label" });
const ZStatusName = z.enum(STATUSES);

/** The latest review as the highlight shows it (lib/annotations/annotation-json.ts AnnotationReviewJson). */
const ZAnnotationReview = z.object({
  decision: z.enum(DECISIONS),
  reason: z.string().nullable(),
  fromLabel: z.enum(LABELS).nullable(),
  toLabel: z.enum(LABELS).nullable(),
  moderator: ZUserRef,
  createdAt: ZTimestamp,
});

/** lib/annotations/annotation-json.ts AnnotationJson */
export const ZAnnotation = z
  .object({
    id: ZId,
    articleId: ZId,
    label: ZLabelName,
    status: ZStatusName,
    note: z.string().nullable(),
    quote: z
      .string()
      .meta({ description: "The tagged text: article.text.slice(start, end) unless orphaned" }),
    prefix: z.string().meta({ description: "Up to 32 characters before the quote" }),
    suffix: z.string().meta({ description: "Up to 32 characters after the quote" }),
    start: z
      .number()
      .int()
      .min(0)
      .meta({ description: "Offset into the article's plain text, UTF-16 code units" }),
    end: z.number().int().min(1),
    orphaned: z.boolean().meta({
      description: "Its text was deleted or changed by a correction; start/end are where it last was",
    }),
    version: z
      .number()
      .int()
      .min(1)
      .meta({ description: "Send it back with edits and deletes; a stale one gets 409" }),
    author: ZUserRef,
    roundId: ZId.nullable().optional().meta({
      description: "The blind round it was made in (GET /rounds/{id}); null outside rounds",
    }),
    anchor: ZAnchor.meta({
      description: "Yjs relative positions of start and end in the live body (base64)",
    }),
    evidence: z.object({ corroborates: z.number().int().min(0), contradicts: z.number().int().min(0) }),
    citedBy: z.number().int().min(0).optional().meta({
      description:
        "How many evidence items of other annotations cite this one (GET /annotations/{id}/evidence lists them)",
    }),
    review: ZAnnotationReview.nullable()
      .optional()
      .meta({ description: "The latest moderator decision; null before any review" }),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .meta({ id: "Annotation" });

export const ZAnnotationList = z.object({ annotations: z.array(ZAnnotation) });

/** What a review withdrew: a relabel or rejection takes back the passage's verdict (docs/PUBLISHING.md). */
export const ZVerdictWithdrawn = z.boolean().meta({
  description: "true when this decision withdrew the passage's verdict (a relabel or a rejection)",
});

/** Bulk reviews and settled disagreements: the changed annotations, each saying whether its verdict was withdrawn. */
export const ZReviewedAnnotationList = z.object({
  annotations: z.array(ZAnnotation.extend({ verdictWithdrawn: z.literal(true).optional() })),
});

/** lib/annotations/list-annotation-history.ts AnnotationHistoryEntry */
export const ZHistoryEntry = z.object({
  id: z.string(),
  action: z.string(),
  at: ZTimestamp,
  actor: ZUserRef.nullable(),
  viaToken: z.boolean(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
