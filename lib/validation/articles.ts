import { z } from "zod";
import { storableString } from "./text.ts";

/** http and https URLs only (no javascript:, data:, file:). */
export const ZHttpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, "must be an http or https URL");

const ZLanguageTag = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "must be a language tag such as en or en-GB");

const articleMetadata = {
  byline: storableString().trim().max(500).nullish(),
  sourceUrl: ZHttpUrl.nullish(),
  publishedAt: z.iso.datetime({ offset: true }).or(z.iso.date()).nullish(),
  language: ZLanguageTag.nullish(),
};

/** The largest PDF accepted (bytes of the file; its base64 is a third longer). */
export const MAX_PDF_BYTES = 4 * 1024 * 1024;

/** Pasted or uploaded text, HTML or Markdown. */
export const ZContentImportInput = z.object({
  title: storableString().trim().min(1, "is required").max(500),
  ...articleMetadata,
  format: z.enum(["text", "html", "markdown"]),
  // The byte limit is checked by the importer (413); this only refuses absurd sizes early.
  content: storableString().max(8 * 1024 * 1024),
});

/** A web page fetched by the server; title and metadata default to what the page says. */
export const ZUrlImportInput = z.object({
  title: storableString().trim().min(1).max(500).nullish(),
  ...articleMetadata,
  format: z.literal("url"),
  url: ZHttpUrl,
});

/** A PDF, base64-encoded. */
export const ZPdfImportInput = z.object({
  title: storableString().trim().min(1).max(500).nullish(),
  ...articleMetadata,
  format: z.literal("pdf"),
  content: z
    .string()
    // The decoded size is checked by the importer (413); this only refuses absurd sizes early.
    .max(8 * 1024 * 1024)
    .regex(/^[A-Za-z0-9+/\s]*={0,2}\s*$/, "must be the PDF file encoded as base64"),
});

export const ZCreateArticleInput = z.discriminatedUnion(
  "format",
  [ZContentImportInput, ZUrlImportInput, ZPdfImportInput],
  { error: "format: must be one of text, html, markdown, url, pdf" },
);
export type TCreateArticleInput = z.infer<typeof ZCreateArticleInput>;

const ZDateParam = z.iso.date().or(z.iso.datetime({ offset: true }));

export const ZListArticlesQuery = z.object({
  q: storableString().trim().max(200).optional(),
  /** Only articles imported by this user. */
  importedBy: z.uuid().optional(),
  /** Imported on or after this date. */
  from: ZDateParam.optional(),
  /** Imported on or before this date (a date includes the whole day, UTC). */
  to: ZDateParam.optional(),
  sort: z.enum(["relevance", "newest", "oldest", "title"]).optional(),
  archived: z.enum(["exclude", "include", "only"]).default("exclude"),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TListArticlesQuery = z.infer<typeof ZListArticlesQuery>;

export const ZUuid = z.uuid();

export const ZUpdateArticleInput = z.object({ archived: z.boolean() }).strict();
export type TUpdateArticleInput = z.infer<typeof ZUpdateArticleInput>;
