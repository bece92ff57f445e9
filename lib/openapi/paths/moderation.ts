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

const timestamp = { type: "string", format: "date-time" };
const labelEnum = { type: "string", enum: ["fact", "opinion", "advocacy"] };
const decision = { type: "string", enum: ["approve", "reject", "relabel"] };
const userRef = {
  type: "object",
  required: ["id", "name"],
  properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } },
};

const decisionProperties = {
  decision,
  label: { ...labelEnum, description: "relabel only: the new label (must differ from the current one)" },
  reason: {
    type: ["string", "null"],
    maxLength: 2000,
    description: "Required (non-empty) to reject or relabel; optional to approve",
  },
};

function countsOf(keys: string[], type = "integer") {
  return {
    type: "object",
    required: keys,
    properties: Object.fromEntries(keys.map((key) => [key, { type, minimum: 0 }])),
  };
}

/** Moderation: reviews, bulk decisions. */
export const moderationPaths: OpenApiModule = {
  tags: [
    { name: "moderation", description: "Reviews, the review queue, agreement figures, discussion, history" },
  ],
  schemas: {
    Agreement: {
      type: "object",
      required: ["alpha", "units", "pairable", "disagreements", "counts", "composition", "characters"],
      properties: {
        alpha: {
          type: ["number", "null"],
          description:
            "Nominal Krippendorff's alpha of the annotators' labels over units (clusters of overlapping spans); null when undefined (no pairable units or no variation). See docs/MODERATION.md",
        },
        units: { type: "integer", description: "Clusters of overlapping spans" },
        pairable: {
          type: "integer",
          description: "Units tagged by at least two annotators: what alpha rests on",
        },
        disagreements: {
          type: "integer",
          description: "Pairable units whose annotators gave different labels",
        },
        counts: {
          type: "object",
          required: ["byLabel", "byStatus"],
          properties: {
            byLabel: countsOf(["fact", "opinion", "advocacy"]),
            byStatus: countsOf(["pending", "approved", "rejected"]),
          },
        },
        composition: {
          ...countsOf(["fact", "opinion", "advocacy", "untagged"], "number"),
          description:
            "Share (0..1) of the text's characters under at least one non-rejected tag of each label; a character under two labels counts for both; untagged = under none",
        },
        characters: {
          ...countsOf(["length", "fact", "opinion", "advocacy", "untagged"]),
          description: "The character counts (UTF-16 code units) behind composition",
        },
      },
    },
    Review: {
      type: "object",
      required: [
        "id",
        "annotationId",
        "decision",
        "fromLabel",
        "toLabel",
        "reason",
        "moderator",
        "createdAt",
      ],
      properties: {
        id: { type: "string", format: "uuid" },
        annotationId: { type: "string", format: "uuid" },
        decision,
        fromLabel: { type: ["string", "null"], enum: ["fact", "opinion", "advocacy", null] },
        toLabel: { type: ["string", "null"], enum: ["fact", "opinion", "advocacy", null] },
        reason: { type: ["string", "null"] },
        moderator: userRef,
        createdAt: timestamp,
      },
    },
    ReviewInput: {
      type: "object",
      required: ["decision"],
      additionalProperties: false,
      properties: {
        ...decisionProperties,
        version: {
          type: "integer",
          minimum: 1,
          description: "The annotation version you saw; a stale one gets 409",
        },
      },
    },
  },
  paths: {
    "/api/v1/articles/{id}/agreement": {
      parameters: [uuidParameter("id", "The article's id")],
      get: {
        operationId: "getArticleAgreement",
        tags: ["moderation"],
        summary:
          "Label agreement among the article's annotators, counts per label and status, text composition (scope read)",
        responses: {
          "200": jsonResponse("The figures", schemaRef("Agreement")),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    "/api/v1/teams/{team}/agreement": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "getTeamAgreement",
        tags: ["moderation"],
        summary: "The same figures over all the team's articles (scope read)",
        responses: {
          "200": jsonResponse("The figures", schemaRef("Agreement")),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    "/api/v1/annotations/{id}/reviews": {
      parameters: [uuidParameter("id", "The annotation's id")],
      get: {
        operationId: "listReviews",
        tags: ["moderation"],
        summary: "The annotation's reviews, oldest first (scope read)",
        responses: {
          "200": jsonResponse("The reviews", {
            type: "object",
            required: ["reviews"],
            properties: { reviews: { type: "array", items: schemaRef("Review") } },
          }),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "reviewAnnotation",
        tags: ["moderation"],
        summary:
          "Approve, reject (reason required) or relabel (label and reason required) another member's annotation; nobody reviews their own (403). Moderators and admins; scope review",
        requestBody: jsonRequestBody(schemaRef("ReviewInput")),
        responses: {
          "201": jsonResponse("The review and the annotation's new state (also published live)", {
            type: "object",
            required: ["review", "annotation"],
            properties: { review: schemaRef("Review"), annotation: schemaRef("Annotation") },
          }),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
    "/api/v1/teams/{team}/reviews/bulk": {
      parameters: [TEAM_PARAMETER],
      post: {
        operationId: "reviewAnnotationsBulk",
        tags: ["moderation"],
        summary:
          "One decision on a selection of the team's annotations, in one transaction: all or none (scope review)",
        requestBody: jsonRequestBody({
          type: "object",
          required: ["annotationIds", "decision"],
          additionalProperties: false,
          properties: {
            annotationIds: {
              type: "array",
              minItems: 1,
              maxItems: 200,
              items: { type: "string", format: "uuid" },
            },
            ...decisionProperties,
          },
        }),
        responses: {
          "200": jsonResponse("The reviewed annotations", {
            type: "object",
            required: ["annotations"],
            properties: { annotations: { type: "array", items: schemaRef("Annotation") } },
          }),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
  },
};
