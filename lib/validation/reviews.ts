import { z } from "zod";
import { ZLabel } from "./annotations.ts";
import { pgInt } from "./integers.ts";
import { storableString } from "./text.ts";

export const DECISIONS = ["approve", "reject", "relabel"] as const;
export type DecisionName = (typeof DECISIONS)[number];
export const ZDecision = z.enum(DECISIONS);

const ZReason = storableString().trim().max(2000, "must be at most 2000 characters");

/** The fields of one decision; the rules between them (reason, label) are checked by `checkDecision`. */
const decisionShape = {
  decision: ZDecision,
  label: ZLabel.optional(),
  reason: ZReason.nullish(),
};

function checkDecision(
  value: { decision: DecisionName; label?: string; reason?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (value.decision !== "approve" && !value.reason) {
    ctx.addIssue({ code: "custom", path: ["reason"], message: `a reason is required to ${value.decision}` });
  }
  if (value.decision === "relabel" && !value.label) {
    ctx.addIssue({ code: "custom", path: ["label"], message: "relabel needs the new label" });
  }
  if (value.decision !== "relabel" && value.label !== undefined) {
    ctx.addIssue({ code: "custom", path: ["label"], message: "only relabel takes a label" });
  }
}

export const ZReviewInput = z
  .object({
    ...decisionShape,
    /** The annotation version the moderator saw; when given, a stale one is a 409. */
    version: pgInt().min(1).optional(),
  })
  .strict()
  .superRefine(checkDecision);
export type TReviewInput = z.infer<typeof ZReviewInput>;

export const ZBulkReviewInput = z
  .object({
    ...decisionShape,
    annotationIds: z
      .array(z.uuid())
      .min(1, "select at least one annotation")
      .max(200, "at most 200 annotations at once"),
  })
  .strict()
  .superRefine(checkDecision);
export type TBulkReviewInput = z.infer<typeof ZBulkReviewInput>;

export const ZSettleDisagreementInput = z
  .object({
    annotationIds: z.array(z.uuid()).min(2, "a disagreement has at least two annotations").max(50),
    label: ZLabel,
    reason: ZReason.min(1, "a reason is required"),
  })
  .strict();
export type TSettleDisagreementInput = z.infer<typeof ZSettleDisagreementInput>;

const ZBoolString = z.enum(["true", "false"]).transform((value) => value === "true");

export const ZReviewQueueQuery = z.object({
  article: z.uuid().optional(),
  label: ZLabel.optional(),
  author: z.uuid().optional(),
  hasEvidence: ZBoolString.optional(),
  disagreement: ZBoolString.optional(),
  /** Only annotations at least this many hours old. */
  minAgeHours: z.coerce.number().min(0).max(100_000).optional(),
  /** Only annotations at most this many hours old. */
  maxAgeHours: z.coerce.number().min(0).max(100_000).optional(),
  status: z.enum(["pending", "approved", "rejected"]).default("pending"),
  sort: z.enum(["oldest", "newest"]).default("oldest"),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});
export type TReviewQueueQuery = z.infer<typeof ZReviewQueueQuery>;

/** The open disagreements' query: the team's, or one article's. */
export const ZDisagreementsQuery = z.object({ article: z.uuid().optional() });

/** Search params as they arrive, before a use case parses them with its own schema. */
export const ZQueryString = z.record(z.string(), z.string());

export const ZReplyInput = z
  .object({
    body: storableString().trim().min(1, "write something").max(4000, "must be at most 4000 characters"),
  })
  .strict();
export type TReplyInput = z.infer<typeof ZReplyInput>;

export const ZMarkNotificationsReadInput = z
  .object({ ids: z.array(z.uuid()).min(1).max(200).optional(), all: z.literal(true).optional() })
  .strict()
  .refine((value) => (value.ids ? !value.all : value.all), { message: "send either ids or all: true" });

export const ZNotificationsQuery = z.object({
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** Reopening a decided annotation: back to pending, with the version the moderator saw. */
export const ZReopenInput = z
  .object({
    /** The annotation version the moderator saw; when given, a stale one is a 409. */
    version: z.number().int().min(1).max(2_147_483_647).optional(),
    reason: ZReason.nullish(),
  })
  .strict();
export type TReopenInput = z.infer<typeof ZReopenInput>;
