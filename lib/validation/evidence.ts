import { z } from "zod";
import type { EvidenceRelation } from "../generated/prisma/enums.ts";
import { normaliseUrl } from "../urls/normalise-url.ts";
import { storableString } from "./text.ts";

export const EVIDENCE_RELATIONS = ["corroborates", "contradicts"] as const;
export type EvidenceRelationName = (typeof EVIDENCE_RELATIONS)[number];
export const ZEvidenceRelation = z.enum(EVIDENCE_RELATIONS);

/** Lower-case API relation to the database enum. */
export function toEvidenceRelation(relation: EvidenceRelationName): EvidenceRelation {
  return relation.toUpperCase() as EvidenceRelation;
}

/** Database relation to its lower-case API form. */
export function evidenceRelationName(relation: EvidenceRelation): EvidenceRelationName {
  return relation.toLowerCase() as EvidenceRelationName;
}

/** A trimmed optional text; empty and null both mean "not given" (null). */
function optionalText(max: number) {
  return storableString()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));
}

/** An optional http(s) URL, normalised by lib/urls/normalise-url.ts; empty means not given. */
const ZOptionalUrl = z
  .string()
  .max(4096, "must be at most 2048 characters")
  .nullish()
  .transform((value, ctx) => {
    if (value === null || value === undefined || value.trim() === "") return null;
    const result = normaliseUrl(value);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.reason });
      return z.NEVER;
    }
    return result.url;
  });

/** A calendar date or a date-time, not in the future (a day's slack for time zones). */
const ZAccessedAt = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .nullish()
  .transform((value, ctx) => {
    if (!value) return null;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "must be a date" });
      return z.NEVER;
    }
    if (date.getTime() > Date.now() + 24 * 3600 * 1000) {
      ctx.addIssue({ code: "custom", message: "must not be in the future" });
      return z.NEVER;
    }
    if (date.getUTCFullYear() < 1900) {
      ctx.addIssue({ code: "custom", message: "must be after 1900" });
      return z.NEVER;
    }
    return date;
  });

const EXTERNAL_ONLY = ["title", "publisher", "quote", "accessedAt", "archivedUrl"] as const;

/**
 * Evidence for an annotation: a relation and exactly one target, either an external source
 * (`url` with optional title, publisher, quoted excerpt, accessed date, archived copy) or
 * another annotation of the same team (`targetAnnotationId`; its existence is checked by the
 * use case, which answers 404 for a malformed, missing, deleted or other team's id).
 */
export const ZCreateEvidenceInput = z
  .object({
    relation: ZEvidenceRelation,
    url: ZOptionalUrl,
    title: optionalText(500),
    publisher: optionalText(200),
    quote: optionalText(5000),
    accessedAt: ZAccessedAt,
    archivedUrl: ZOptionalUrl,
    targetAnnotationId: z
      .string()
      .trim()
      .max(100, "must be an annotation id")
      .nullish()
      .transform((value) => (value ? value : null)),
    note: optionalText(2000),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.url === null) === (value.targetAnnotationId === null)) {
      ctx.addIssue({
        code: "custom",
        path: ["url"],
        message: "send either url (an external source) or targetAnnotationId (another annotation), not both",
      });
      return;
    }
    if (value.targetAnnotationId !== null) {
      for (const field of EXTERNAL_ONLY) {
        if (value[field] !== null) {
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: "only applies to an external source (url)",
          });
          return;
        }
      }
    }
  });
export type TCreateEvidenceInput = z.infer<typeof ZCreateEvidenceInput>;

/** The query of the citable-annotation picker: text to find in quotes and notes. */
export const ZSearchCitableQuery = z
  .object({
    q: storableString()
      .trim()
      .min(2, "type at least 2 characters")
      .max(200, "must be at most 200 characters"),
    exclude: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
export type TSearchCitableQuery = z.infer<typeof ZSearchCitableQuery>;

/** The team's link-health settings (PATCH /api/v1/teams/{team}/evidence/settings). */
export const ZEvidenceSettingsInput = z
  .object({
    linkCheckIntervalDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .nullable()
      .optional()
      .meta({ description: "Days between scheduled link checks of the team's sources; null turns them off" }),
    articleRecheckIntervalHours: z.number().int().min(1).max(720).nullable().optional().meta({
      description:
        "Hours between scheduled re-checks of the team's URL-imported articles against their sources; null (default) is off",
    }),
    articleRecheckWindowDays: z.number().int().min(1).max(90).optional().meta({
      description: "Only articles imported within this many days are re-checked on the schedule (default 7)",
    }),
    waybackSave: z
      .boolean()
      .optional()
      .meta({ description: "Also ask the Wayback Machine to save each cited page (default false)" }),
  })
  .strict()
  .meta({ id: "EvidenceSettingsInput" });
export type TEvidenceSettingsInput = z.infer<typeof ZEvidenceSettingsInput>;
