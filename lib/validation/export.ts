import { z } from "zod";
import { STATUSES, ZLabel } from "./annotations.ts";

export const ARTICLE_EXPORT_FORMATS = ["json", "w3c", "claimreview"] as const;
export const TEAM_EXPORT_FORMATS = ["json", "ndjson", "w3c", "claimreview"] as const;
export type ExportFormat = (typeof TEAM_EXPORT_FORMATS)[number];

/** Annotation filters shared by both exports. */
const filters = {
  status: z.enum(STATUSES).optional(),
  label: ZLabel.optional(),
  since: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .optional()
    .transform((value) => (value ? new Date(value) : undefined)),
};

/** `GET /api/v1/articles/{id}/export` query. */
export const ZArticleExportQuery = z.object({
  format: z.enum(ARTICLE_EXPORT_FORMATS).default("json"),
  ...filters,
});
export type TArticleExportQuery = z.infer<typeof ZArticleExportQuery>;

/** `GET /api/v1/teams/{team}/export` query. */
export const ZTeamExportQuery = z.object({ format: z.enum(TEAM_EXPORT_FORMATS).default("json"), ...filters });
export type TTeamExportQuery = z.infer<typeof ZTeamExportQuery>;

/** The largest import body accepted (a `json` export: one article object or an array of them). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Where the JSON Schema of the `json` export format is served (schemas/export.schema.json). */
export const EXPORT_SCHEMA_PATH = "/api/v1/schema/export.json";

/**
 * One article export as zod sees it: any object; the committed JSON Schema checks the rest (ajv),
 * and the API document points at it.
 */
export const ZArticleExportDocument = z
  .record(z.string(), z.unknown())
  .meta({ $ref: EXPORT_SCHEMA_PATH, description: "An article export (the json export format)" });

/** An import body before schema validation: one article export or an array of them (checked with ajv). */
export const ZImportBody = z.union([
  z.array(ZArticleExportDocument).min(1).max(10_000),
  ZArticleExportDocument,
]);
