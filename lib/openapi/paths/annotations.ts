import {
  errorResponses,
  jsonRequestBody,
  jsonResponse,
  queryParameter,
  schemaRef,
  uuidParameter,
  WRITE_ERRORS,
} from "../components.ts";
import type { OpenApiModule } from "../types.ts";

const timestamp = { type: "string", format: "date-time" };
const label = { type: "string", enum: ["fact", "opinion", "advocacy"] };

/** Annotations: tag spans of an article's text, edit and delete one's own. */
export const annotationPaths: OpenApiModule = {
  tags: [{ name: "annotations", description: "Highlights tagged fact, opinion or advocacy" }],
  schemas: {
    Label: label,
    Annotation: {
      type: "object",
      required: [
        "id",
        "articleId",
        "label",
        "status",
        "note",
        "quote",
        "prefix",
        "suffix",
        "start",
        "end",
        "orphaned",
        "version",
        "author",
        "anchor",
        "evidence",
        "createdAt",
        "updatedAt",
      ],
      properties: {
        id: { type: "string", format: "uuid" },
        articleId: { type: "string", format: "uuid" },
        label: schemaRef("Label"),
        status: { type: "string", enum: ["pending", "approved", "rejected"] },
        note: { type: ["string", "null"] },
        quote: {
          type: "string",
          description: "The tagged text: article.text.slice(start, end) unless orphaned",
        },
        prefix: { type: "string", description: "Up to 32 characters before the quote" },
        suffix: { type: "string", description: "Up to 32 characters after the quote" },
        start: {
          type: "integer",
          minimum: 0,
          maximum: 2_147_483_647,
          description: "Offset into the article's plain text, UTF-16 code units",
        },
        end: { type: "integer", minimum: 1 },
        orphaned: {
          type: "boolean",
          description: "Its text was deleted or changed by a correction; start/end are where it last was",
        },
        version: {
          type: "integer",
          minimum: 1,
          description: "Send it back with edits and deletes; a stale one gets 409",
        },
        author: schemaRef("UserRef"),
        anchor: {
          type: "object",
          description: "Yjs relative positions of start and end in the live body (base64)",
          required: ["v", "start", "end"],
          properties: { v: { const: 1 }, start: { type: "string" }, end: { type: "string" } },
        },
        evidence: {
          type: "object",
          required: ["corroborates", "contradicts"],
          properties: { corroborates: { type: "integer" }, contradicts: { type: "integer" } },
        },
        citedBy: {
          type: "integer",
          minimum: 0,
          description:
            "How many evidence items of other annotations cite this one (GET /annotations/{id}/evidence lists them)",
        },
        createdAt: timestamp,
        updatedAt: timestamp,
      },
    },
    CreateAnnotationInput: {
      type: "object",
      required: ["label", "start", "end"],
      additionalProperties: false,
      properties: {
        label: schemaRef("Label"),
        start: {
          type: "integer",
          minimum: 0,
          maximum: 2_147_483_647,
          description: "Offset into the article's plain text (UTF-16 code units)",
        },
        end: {
          type: "integer",
          minimum: 1,
          maximum: 2_147_483_647,
          description: "Exclusive; whitespace at either end of the span is trimmed",
        },
        note: { type: ["string", "null"], maxLength: 2000 },
        quote: {
          type: "string",
          description: "Optional: the text you saw at [start, end); 409 if the article changed meanwhile",
        },
      },
    },
  },
  paths: {
    "/api/v1/articles/{id}/annotations": {
      parameters: [uuidParameter("id", "The article's id")],
      get: {
        operationId: "listAnnotations",
        tags: ["annotations"],
        summary: "The article's annotations in document order, orphaned last (scope read)",
        parameters: [
          queryParameter("label", "Only this label", label),
          queryParameter("status", "Only this status", {
            type: "string",
            enum: ["pending", "approved", "rejected"],
          }),
          queryParameter("author", "Only this author's", { type: "string", format: "uuid" }),
          queryParameter("orphaned", "Only orphaned (true) or anchored (false) ones", {
            type: "string",
            enum: ["true", "false"],
          }),
        ],
        responses: {
          "200": jsonResponse("The annotations", {
            type: "object",
            required: ["annotations"],
            properties: { annotations: { type: "array", items: schemaRef("Annotation") } },
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
      post: {
        operationId: "createAnnotation",
        tags: ["annotations"],
        summary: "Tag a span of the article's text (annotators, moderators, admins; scope annotate)",
        requestBody: jsonRequestBody(schemaRef("CreateAnnotationInput")),
        responses: {
          "201": jsonResponse(
            "The annotation; everyone with the article open receives it live",
            schemaRef("Annotation"),
          ),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
    "/api/v1/annotations/{id}": {
      parameters: [uuidParameter("id", "The annotation's id")],
      get: {
        operationId: "getAnnotation",
        tags: ["annotations"],
        summary: "One annotation (scope read)",
        responses: {
          "200": jsonResponse("The annotation", schemaRef("Annotation")),
          ...errorResponses(401, 403, 404),
        },
      },
      patch: {
        operationId: "updateAnnotation",
        tags: ["annotations"],
        summary:
          "Change the label or note of your own annotation; a reviewed one goes back to pending (scope annotate)",
        requestBody: jsonRequestBody({
          type: "object",
          required: ["version"],
          additionalProperties: false,
          properties: {
            label: schemaRef("Label"),
            note: { type: ["string", "null"], maxLength: 2000 },
            version: { type: "integer", minimum: 1, maximum: 2_147_483_647 },
          },
        }),
        responses: {
          "200": jsonResponse("The annotation", schemaRef("Annotation")),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
      delete: {
        operationId: "deleteAnnotation",
        tags: ["annotations"],
        summary:
          "Delete your own annotation; send the version as ?version= or a JSON body {version} (scope annotate)",
        parameters: [
          queryParameter("version", "The version you last saw", {
            type: "integer",
            minimum: 1,
            maximum: 2_147_483_647,
          }),
        ],
        responses: { "204": { description: "Deleted" }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
  },
};
