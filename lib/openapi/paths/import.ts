import { errorResponses, jsonResponse, uuidParameter } from "../components.ts";
import type { OpenApiModule } from "../types.ts";

const metadata = {
  title: {
    type: ["string", "null"],
    minLength: 1,
    maxLength: 500,
    description: "Default: from the document",
  },
  byline: { type: ["string", "null"], maxLength: 500 },
  sourceUrl: { type: ["string", "null"], format: "uri", description: "http or https only" },
  publishedAt: { type: ["string", "null"], description: "A date (2019-10-30) or date-time with offset" },
  language: {
    type: ["string", "null"],
    description: "A BCP 47 tag such as fr or ar; default: declared by the page, else detected from the text",
  },
};

/** URL and PDF import, and source re-checks (docs/ARTICLES.md). */
export const importPaths: OpenApiModule = {
  schemas: {
    UrlImportInput: {
      type: "object",
      required: ["format", "url"],
      properties: {
        format: { const: "url" },
        url: {
          type: "string",
          format: "uri",
          maxLength: 2048,
          description:
            "An http or https page, fetched by the server (public addresses only; 5 MB; 15 s). The story is extracted with Readability; title, byline, date, canonical URL and language come from JSON-LD, OpenGraph and meta tags unless given",
        },
        ...metadata,
      },
    },
    PdfImportInput: {
      type: "object",
      required: ["format", "content"],
      properties: {
        format: { const: "pdf" },
        content: {
          type: "string",
          contentEncoding: "base64",
          description:
            "The PDF file, base64-encoded, at most 4 MB decoded. It needs a text layer (scans: 422 pdf_no_text)",
        },
        ...metadata,
      },
    },
    SourceRefresh: {
      type: "object",
      required: ["changed", "fetchedAt", "contentHash", "paragraphs", "orphaned", "bodyVersion"],
      properties: {
        changed: {
          type: "boolean",
          description: "false: the source's text is what was fetched last time; nothing changed",
        },
        fetchedAt: { type: "string", format: "date-time" },
        contentHash: {
          type: "string",
          description: "sha256 (hex) of the plain text extracted from the source",
        },
        paragraphs: {
          type: "array",
          description: "The changed paragraphs; before null: added, after null: removed",
          items: {
            type: "object",
            required: ["before", "after"],
            properties: { before: { type: ["string", "null"] }, after: { type: ["string", "null"] } },
          },
        },
        orphaned: {
          type: "array",
          description:
            "Highlights whose text changed, now orphaned with reason source_changed (their authors are notified)",
          items: {
            type: "object",
            required: ["id", "quote", "authorId"],
            properties: {
              id: { type: "string", format: "uuid" },
              quote: { type: "string" },
              authorId: { type: "string", format: "uuid" },
            },
          },
        },
        bodyVersion: { type: ["integer", "null"] },
      },
    },
  },
  paths: {
    "/api/v1/articles/{id}/refresh": {
      parameters: [uuidParameter("id", "The article's id")],
      post: {
        operationId: "refreshArticleSource",
        tags: ["articles"],
        summary:
          "Re-check an article imported from a URL; a changed source is applied as a correction (annotators, moderators, admins; scope annotate)",
        responses: {
          "200": jsonResponse("What the re-check found", { $ref: "#/components/schemas/SourceRefresh" }),
          ...errorResponses(401, 403, 404, 409, 422, 424),
        },
      },
    },
  },
};
