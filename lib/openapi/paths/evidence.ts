import {
  errorResponses,
  jsonRequestBody,
  jsonResponse,
  schemaRef,
  TEAM_PARAMETER,
  uuidParameter,
  WRITE_ERRORS,
} from "../components.ts";
import type { OpenApiModule } from "../types.ts";

const uuid = { type: "string", format: "uuid" };
const timestamp = { type: "string", format: "date-time" };
const nullableString = { type: ["string", "null"] };
const nullableUuid = { type: ["string", "null"], format: "uuid" };
const relation = { type: "string", enum: ["corroborates", "contradicts"] };
const label = { type: "string", enum: ["fact", "opinion", "advocacy"] };
const httpUrl = {
  type: "string",
  maxLength: 2048,
  description:
    "An absolute http:// or https:// URL without user name or password; stored normalised (lower-case host, punycode, no default port). Never fetched by the server",
};

/** Evidence: sources and other annotations that corroborate or contradict an annotation. */
export const evidencePaths: OpenApiModule = {
  tags: [{ name: "evidence", description: "Sources that corroborate or contradict an annotation" }],
  schemas: {
    EvidenceRelation: relation,
    Evidence: {
      type: "object",
      required: [
        "id",
        "annotationId",
        "relation",
        "kind",
        "url",
        "title",
        "publisher",
        "quote",
        "accessedAt",
        "archivedUrl",
        "target",
        "note",
        "addedBy",
        "createdAt",
      ],
      properties: {
        id: uuid,
        annotationId: { ...uuid, description: "The annotation this evidence supports or disputes" },
        relation: schemaRef("EvidenceRelation"),
        kind: { type: "string", enum: ["external", "internal"] },
        url: { type: ["string", "null"], description: "The external source (null for an internal target)" },
        title: nullableString,
        publisher: nullableString,
        quote: {
          type: ["string", "null"],
          description: "The excerpt of the source that supports the relation",
        },
        accessedAt: { type: ["string", "null"], format: "date-time" },
        archivedUrl: { type: ["string", "null"], description: "An archived copy of the source" },
        target: {
          oneOf: [
            { type: "null" },
            {
              type: "object",
              required: ["annotationId", "articleId", "articleTitle", "quote", "label", "removed"],
              properties: {
                annotationId: nullableUuid,
                articleId: nullableUuid,
                articleTitle: nullableString,
                quote: nullableString,
                label: { oneOf: [{ type: "null" }, label] },
                removed: {
                  type: "boolean",
                  description: "The cited annotation was deleted since; its text is no longer shown",
                },
              },
            },
          ],
        },
        note: nullableString,
        addedBy: schemaRef("UserRef"),
        createdAt: timestamp,
      },
    },
    EvidenceList: {
      type: "object",
      required: ["annotationId", "articleId", "canAdd", "corroborates", "contradicts", "citedBy"],
      properties: {
        annotationId: uuid,
        articleId: uuid,
        canAdd: { type: "boolean", description: "Whether the caller may add evidence here" },
        corroborates: { type: "array", items: schemaRef("EvidenceItem") },
        contradicts: { type: "array", items: schemaRef("EvidenceItem") },
        citedBy: {
          type: "array",
          description: "Annotations of the team that cite this one as evidence",
          items: {
            type: "object",
            required: [
              "evidenceId",
              "relation",
              "annotationId",
              "articleId",
              "articleTitle",
              "quote",
              "label",
              "addedBy",
              "createdAt",
            ],
            properties: {
              evidenceId: uuid,
              relation: schemaRef("EvidenceRelation"),
              annotationId: uuid,
              articleId: uuid,
              articleTitle: { type: "string" },
              quote: { type: "string" },
              label,
              addedBy: schemaRef("UserRef"),
              createdAt: timestamp,
            },
          },
        },
      },
    },
    EvidenceItem: {
      allOf: [
        schemaRef("Evidence"),
        {
          type: "object",
          required: ["canRemove"],
          properties: { canRemove: { type: "boolean", description: "Whether the caller may remove it" } },
        },
      ],
    },
    CreateEvidenceInput: {
      type: "object",
      required: ["relation"],
      additionalProperties: false,
      description:
        "Exactly one of url (an external source) or targetAnnotationId (another annotation of the same team, in any of its articles). title, publisher, quote, accessedAt and archivedUrl apply to external sources only. Empty strings count as not given",
      properties: {
        relation: schemaRef("EvidenceRelation"),
        url: { ...httpUrl, type: ["string", "null"] },
        title: { type: ["string", "null"], maxLength: 500 },
        publisher: { type: ["string", "null"], maxLength: 200 },
        quote: { type: ["string", "null"], maxLength: 5000 },
        accessedAt: {
          type: ["string", "null"],
          description: "A date (2026-11-25) or date-time with offset; not in the future",
        },
        archivedUrl: { ...httpUrl, type: ["string", "null"] },
        targetAnnotationId: {
          type: ["string", "null"],
          description:
            "Another annotation of the same team; a malformed, deleted or other team's id is 404; the annotation itself is 400",
        },
        note: { type: ["string", "null"], maxLength: 2000 },
      },
    },
    CitableAnnotation: {
      type: "object",
      required: ["id", "articleId", "articleTitle", "quote", "note", "label", "author", "createdAt"],
      properties: {
        id: uuid,
        articleId: uuid,
        articleTitle: { type: "string" },
        quote: { type: "string" },
        note: nullableString,
        label,
        author: schemaRef("UserRef"),
        createdAt: timestamp,
      },
    },
  },
  paths: {
    "/api/v1/annotations/{id}/evidence": {
      parameters: [uuidParameter("id", "The annotation's id")],
      get: {
        operationId: "listEvidence",
        tags: ["evidence"],
        summary:
          "The annotation's evidence, corroborating and contradicting, and the annotations citing it (scope read)",
        responses: {
          "200": jsonResponse("The evidence", schemaRef("EvidenceList")),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "addEvidence",
        tags: ["evidence"],
        summary:
          "Attach evidence to an annotation of your team (annotators, moderators, admins; scope annotate). The new counts reach everyone with the article open",
        requestBody: jsonRequestBody(schemaRef("CreateEvidenceInput")),
        responses: {
          "201": jsonResponse("The evidence item", schemaRef("Evidence")),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
    "/api/v1/evidence/{id}": {
      parameters: [uuidParameter("id", "The evidence item's id")],
      delete: {
        operationId: "removeEvidence",
        tags: ["evidence"],
        summary:
          "Remove an evidence item: whoever added it, the annotation's author, moderators and admins (scope annotate)",
        responses: { "204": { description: "Removed" }, ...errorResponses(401, 403, 404, 409) },
      },
    },
    "/api/v1/teams/{team}/annotations/search": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "searchCitableAnnotations",
        tags: ["evidence"],
        summary: "The team's annotations whose quote or note contains q, newest first (scope read)",
        parameters: [
          {
            name: "q",
            in: "query",
            required: true,
            description: "Text to find (2 to 200 characters, case-insensitive)",
            schema: { type: "string", minLength: 2, maxLength: 200 },
          },
          {
            name: "exclude",
            in: "query",
            required: false,
            description: "An annotation id to leave out (the one you are adding evidence to)",
            schema: uuid,
          },
          {
            name: "limit",
            in: "query",
            required: false,
            description: "At most this many (default 20)",
            schema: { type: "integer", minimum: 1, maximum: 50 },
          },
        ],
        responses: {
          "200": jsonResponse("Matching annotations", {
            type: "object",
            required: ["annotations"],
            properties: { annotations: { type: "array", items: schemaRef("CitableAnnotation") } },
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
  },
};
