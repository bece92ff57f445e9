import { errorResponses, jsonResponse, uuidParameter } from "../components.ts";
import type { OpenApiModule } from "../types.ts";

/** URL and PDF import, and source re-checks (docs/ARTICLES.md). */
export const importPaths: OpenApiModule = {
  schemas: {
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
