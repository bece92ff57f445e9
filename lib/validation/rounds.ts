import { z } from "zod";
import { ZUuid } from "./articles.ts";

/** The most annotators one blind round may have. */
export const MAX_ROUND_ANNOTATORS = 50;

const ZDueAt = z.iso
  .datetime({ offset: true })
  .meta({ description: "When the round should be submitted (shown, not enforced)" });

/** `POST /api/v1/articles/{id}/rounds` */
export const ZStartRoundInput = z
  .object({
    annotatorIds: z
      .array(ZUuid)
      .min(1, "choose at least one annotator")
      .max(MAX_ROUND_ANNOTATORS, `at most ${MAX_ROUND_ANNOTATORS} annotators`)
      .refine((ids) => new Set(ids).size === ids.length, "an annotator is listed twice"),
    dueAt: ZDueAt.nullish(),
  })
  .strict()
  .meta({ id: "StartRoundInput" });
export type TStartRoundInput = z.infer<typeof ZStartRoundInput>;

/** `PATCH /api/v1/rounds/{id}`: extend (or clear) the due date, reveal an open round, close a revealed one. */
export const ZUpdateRoundInput = z
  .object({
    dueAt: ZDueAt.nullish(),
    status: z
      .enum(["revealed", "closed"])
      .optional()
      .meta({ description: "revealed: close an open round and reveal it; closed: adjudication is done" }),
  })
  .strict()
  .refine((value) => value.dueAt !== undefined || value.status !== undefined, "give dueAt or status")
  .meta({ id: "UpdateRoundInput" });
export type TUpdateRoundInput = z.infer<typeof ZUpdateRoundInput>;
