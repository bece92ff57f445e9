import { z } from "zod";
import { LABELS } from "../annotations.ts";
import { DECISIONS } from "../reviews.ts";
import { ZAnnotation, ZVerdictWithdrawn } from "./annotations.ts";
import { ZId, ZNullableTimestamp, ZTimestamp, ZUserRef } from "./common.ts";

/** lib/replies/reply-json.ts ReplyJson */
export const ZReply = z
  .object({
    id: ZId,
    annotationId: ZId,
    author: ZUserRef,
    body: z.string(),
    createdAt: ZTimestamp,
    editedAt: ZNullableTimestamp.meta({ description: "Set once its author edits it" }),
  })
  .meta({ id: "Reply" });

/** lib/reviews/list-reviews.ts ReviewJson */
export const ZReview = z
  .object({
    id: ZId,
    annotationId: ZId,
    decision: z.enum(DECISIONS),
    fromLabel: z.enum(LABELS).nullable(),
    toLabel: z.enum(LABELS).nullable(),
    reason: z.string().nullable(),
    moderator: ZUserRef,
    createdAt: ZTimestamp,
  })
  .meta({ id: "Review" });

const count = z.number().int().min(0);
const share = z.number().min(0).max(1);

/** lib/agreement/get-agreement.ts AgreementJson */
export const ZAgreement = z
  .object({
    alpha: z.number().nullable().meta({
      description:
        "Nominal Krippendorff's alpha of the annotators' labels over units (clusters of overlapping spans); null when undefined (no pairable units or no variation). See docs/MODERATION.md",
    }),
    units: count.meta({ description: "Clusters of overlapping spans" }),
    pairable: count.meta({ description: "Units tagged by at least two annotators: what alpha rests on" }),
    disagreements: count.meta({ description: "Pairable units whose annotators gave different labels" }),
    counts: z.object({
      byLabel: z.object({ fact: count, opinion: count, advocacy: count }),
      byStatus: z.object({ pending: count, approved: count, rejected: count }),
    }),
    composition: z.object({ fact: share, opinion: share, advocacy: share, untagged: share }).meta({
      description:
        "Share (0..1) of the text's characters under at least one non-rejected tag of each label; a character under two labels counts for both; untagged = under none",
    }),
    characters: z
      .object({ length: count, fact: count, opinion: count, advocacy: count, untagged: count })
      .meta({ description: "The character counts (UTF-16 code units) behind composition" }),
  })
  .meta({ id: "Agreement" });

/** lib/notifications/list-notifications.ts */
export const ZNotificationList = z.object({
  unread: count,
  notifications: z.array(
    z.object({
      id: ZId,
      kind: z.enum([
        "annotation.reviewed",
        "annotation.replied",
        "annotation.reopened",
        "annotation.source_changed",
        "webhook.disabled",
      ]),
      subject: z
        .object({
          articleId: ZId,
          articleTitle: z.string(),
          quote: z.string(),
          href: z.string().meta({ description: "/t/{team}/articles/{id}?annotation={annotationId}" }),
          by: ZUserRef.nullable(),
        })
        .nullable()
        .meta({
          description:
            "The article and passage it is about, with a link to the passage; null when gone or no longer visible to you",
        }),
      teamId: ZId,
      annotationId: ZId.nullable(),
      payload: z.unknown(),
      read: z.boolean(),
      createdAt: ZTimestamp,
    }),
  ),
});

const ZArticleRef = z.object({ id: ZId, title: z.string() });

/** lib/moderation/list-review-queue.ts ReviewQueuePage */
export const ZReviewQueuePage = z.object({
  items: z.array(
    ZAnnotation.extend({
      article: ZArticleRef,
      inDisagreement: z.boolean(),
      lastReview: ZReview.nullable().meta({
        description:
          "The latest decision (who, when, why); null when never reviewed. A reopened annotation keeps its last decision here",
      }),
    }),
  ),
  nextCursor: z.string().nullable(),
  total: count.meta({
    description: "Matches of the filters on every page, counted up to 1,000 (see totalIsCapped)",
  }),
  totalIsCapped: z
    .boolean()
    .meta({ description: "More than total match: the count stopped at its cap (show as 1,000+)" }),
});

/** lib/moderation/list-disagreements.ts DisagreementJson */
export const ZDisagreementList = z.object({
  disagreements: z.array(
    z.object({
      key: z.string().meta({
        description: "Stable while the group is unchanged: its annotation ids, sorted, joined by '.'",
      }),
      article: ZArticleRef,
      start: count,
      end: count,
      text: z.string().meta({ description: "The passage the group covers" }),
      annotations: z.array(ZAnnotation),
    }),
  ),
});

/** One review: the decision, the annotation's new state, and whether a verdict was withdrawn. */
export const ZReviewResult = z.object({
  review: ZReview,
  annotation: ZAnnotation,
  verdictWithdrawn: ZVerdictWithdrawn,
});
