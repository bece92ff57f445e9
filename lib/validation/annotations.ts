import { z } from "zod";
import type { AnnotationStatus, Label } from "../generated/prisma/enums.ts";
import { pgInt, pgIntFromText } from "./integers.ts";
import { storableString } from "./text.ts";

export const LABELS = ["fact", "opinion", "advocacy"] as const;
export type LabelName = (typeof LABELS)[number];
export const ZLabel = z.enum(LABELS);

export const STATUSES = ["pending", "approved", "rejected"] as const;
export type StatusName = (typeof STATUSES)[number];

/** Lower-case API label to the database enum. */
export function toLabel(label: LabelName): Label {
  return label.toUpperCase() as Label;
}

/** Database label to its lower-case API form. */
// The API names of labels and statuses are the database enums in lower case; the export's SQL
// (lib/export/load-article-export.ts) applies the same rule as lower(label::text), tested byte for
// byte against this mapping by tests/integration/export-batching.test.ts.
export function labelName(label: Label): LabelName {
  return label.toLowerCase() as LabelName;
}

/** Database status to its lower-case API form. */
export function statusName(status: AnnotationStatus): StatusName {
  return status.toLowerCase() as StatusName;
}

const ZNote = storableString().trim().max(2000, "must be at most 2000 characters");

export const ZCreateAnnotationInput = z
  .object({
    label: ZLabel,
    start: pgInt().min(0),
    end: pgInt().min(1),
    note: ZNote.nullish(),
    /** The text the client saw at [start, end); when given, a mismatch is a 409 (the text moved). */
    quote: storableString().max(20_000).optional(),
  })
  .strict()
  .refine((value) => value.end > value.start, { message: "end must be greater than start", path: ["end"] });
export type TCreateAnnotationInput = z.infer<typeof ZCreateAnnotationInput>;

export const ZUpdateAnnotationInput = z
  .object({ label: ZLabel.optional(), note: ZNote.nullable().optional(), version: pgInt().min(1) })
  .strict()
  .refine((value) => value.label !== undefined || value.note !== undefined, {
    message: "send label or note to change",
  });
export type TUpdateAnnotationInput = z.infer<typeof ZUpdateAnnotationInput>;

export const ZDeleteAnnotationInput = z.object({ version: pgIntFromText().min(1) }).strict();

export const ZListAnnotationsQuery = z.object({
  label: ZLabel.optional(),
  status: z.enum(STATUSES).optional(),
  author: z.uuid().optional(),
  orphaned: z.enum(["true", "false"]).optional(),
});
