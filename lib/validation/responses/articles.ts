import { z } from "zod";
import { ZId, ZNullableTimestamp, ZTimestamp, ZUserRef } from "./common.ts";

/** lib/articles/article-json.ts ArticleJson (without `text`) */
export const ZArticle = z
  .object({
    id: ZId,
    team: z.string().meta({ description: "The team's slug" }),
    title: z.string(),
    byline: z.string().nullable(),
    sourceUrl: z.string().nullable(),
    publishedAt: ZNullableTimestamp,
    language: z.string().nullable(),
    format: z
      .enum(["text", "html", "markdown", "url", "pdf"])
      .meta({ description: "The format it was imported from" }),
    fetchedUrl: z.string().nullable().meta({
      description:
        "For url imports: the URL the page was fetched from (after redirects); sourceUrl is the page's canonical URL",
    }),
    sourceFetchedAt: ZNullableTimestamp.meta({
      description: "For url imports: when the source was last fetched",
    }),
    importedBy: ZUserRef,
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
    archivedAt: ZNullableTimestamp,
  })
  .meta({ id: "Article" });

export const ZArticleWithText = ZArticle.extend({
  text: z.string().meta({
    description:
      "The plain text that annotation offsets count in (UTF-16 code units): textblocks in document order separated by a blank line, hard breaks as newlines (docs/TEXT-MODEL.md)",
  }),
}).meta({ id: "ArticleWithText" });

export const ZArticleListItem = ZArticle.extend({
  snippet: z
    .array(z.object({ text: z.string(), match: z.boolean() }))
    .optional()
    .meta({
      description:
        "With q: passages of the text around the matches; `match` marks matched words. Plain text, never HTML.",
    }),
}).meta({ id: "ArticleListItem" });

export const ZArticlePage = z.object({ items: z.array(ZArticleListItem), nextCursor: z.string().nullable() });

/** lib/articles/refresh-article-source.ts SourceRefreshResult */
export const ZSourceRefresh = z
  .object({
    changed: z
      .boolean()
      .meta({ description: "false: the source's text is what was fetched last time; nothing changed" }),
    fetchedAt: ZTimestamp,
    contentHash: z.string().meta({ description: "sha256 (hex) of the plain text extracted from the source" }),
    paragraphs: z
      .array(z.object({ before: z.string().nullable(), after: z.string().nullable() }))
      .meta({ description: "The changed paragraphs; before null: added, after null: removed" }),
    orphaned: z.array(z.object({ id: ZId, quote: z.string(), authorId: ZId })).meta({
      description:
        "Highlights whose text changed, now orphaned with reason source_changed (their authors are notified)",
    }),
    bodyVersion: z.number().int().nullable(),
  })
  .meta({ id: "SourceRefresh" });
