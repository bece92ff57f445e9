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
const colour = { type: "string", pattern: "^#[0-9a-fA-F]{6}$" };

/** Verdicts on approved fact annotations and the team's rating scale. */
export const verdictPaths: OpenApiModule = {
  tags: [{ name: "verdicts", description: "Fact-check verdicts and the team's rating scale" }],
  schemas: {
    Rating: {
      type: "object",
      required: ["id", "label", "value", "colour", "position"],
      properties: {
        id: uuid,
        label: { type: "string" },
        value: {
          type: ["integer", "null"],
          description: "Numeric value (ClaimReview ratingValue); null: off the scale",
        },
        colour,
        position: { type: "integer" },
      },
    },
    RatingScale: {
      type: "object",
      required: ["items", "bestRating", "worstRating"],
      properties: {
        items: { type: "array", items: schemaRef("Rating") },
        bestRating: { type: ["integer", "null"] },
        worstRating: { type: ["integer", "null"] },
      },
    },
    RatingScaleInput: {
      type: "object",
      required: ["items"],
      additionalProperties: false,
      properties: {
        items: {
          type: "array",
          minItems: 2,
          maxItems: 12,
          description:
            "The whole scale in display order. An item with an id keeps that rating (and its verdicts); an item without one is new; a rating left out is deleted (409 while a verdict uses it). Labels unique; at least two numeric values",
          items: {
            type: "object",
            required: ["label", "value", "colour"],
            additionalProperties: false,
            properties: {
              id: uuid,
              label: { type: "string", minLength: 1, maxLength: 40 },
              value: { type: ["integer", "null"] },
              colour,
            },
          },
        },
      },
    },
    Publication: {
      type: "object",
      required: ["url", "publicId", "version", "publishedAt", "updatedAt"],
      properties: {
        url: {
          type: "string",
          description: "The public page's path, /p/{publicId} (append it to the server's origin)",
        },
        publicId: { type: "string", description: "128 random bits, base64url" },
        version: { type: "integer", description: "Raised by every republish" },
        publishedAt: timestamp,
        updatedAt: timestamp,
      },
    },
    Verdict: {
      type: "object",
      required: [
        "id",
        "annotationId",
        "articleId",
        "rating",
        "conclusion",
        "conclusionHtml",
        "evidenceIds",
        "author",
        "createdAt",
        "updatedAt",
      ],
      properties: {
        id: uuid,
        annotationId: uuid,
        articleId: uuid,
        rating: schemaRef("Rating"),
        conclusion: { type: "string", description: "Markdown" },
        conclusionHtml: { type: "string", description: "The conclusion rendered to sanitized HTML" },
        evidenceIds: { type: "array", items: uuid },
        author: schemaRef("UserRef"),
        createdAt: timestamp,
        updatedAt: timestamp,
      },
    },
    VerdictInput: {
      type: "object",
      required: ["rating", "conclusion", "evidenceIds"],
      additionalProperties: false,
      properties: {
        rating: {
          type: "string",
          description: "A rating's id or label (case-insensitive) from the team's scale",
        },
        conclusion: {
          type: "string",
          minLength: 1,
          maxLength: 5000,
          description: "Markdown; raw HTML is shown as text",
        },
        evidenceIds: {
          type: "array",
          minItems: 1,
          items: uuid,
          description: "Evidence items of this annotation the verdict rests on",
        },
      },
    },
  },
  paths: {
    "/api/v1/articles/{id}/publication": {
      parameters: [uuidParameter("id", "The article's id")],
      get: {
        operationId: "getPublication",
        tags: ["verdicts"],
        summary: "Whether the article is published and where (every member; scope read)",
        responses: {
          "200": jsonResponse("The publication or null", {
            type: "object",
            required: ["publication"],
            properties: { publication: { oneOf: [{ type: "null" }, schemaRef("Publication")] } },
          }),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "publishArticle",
        tags: ["verdicts"],
        summary:
          "Publish the article (moderators, admins; scope review): a snapshot of its approved passages and verdicts at /p/{publicId}, readable without sign-in. 409 when already published",
        responses: {
          "201": jsonResponse("Published", schemaRef("Publication")),
          ...errorResponses(401, 403, 404, 409),
        },
      },
      put: {
        operationId: "republishArticle",
        tags: ["verdicts"],
        summary: "Republish the article's current state under the same URL (404 when not published)",
        responses: {
          "200": jsonResponse("Republished", schemaRef("Publication")),
          ...errorResponses(401, 403, 404),
        },
      },
      delete: {
        operationId: "unpublishArticle",
        tags: ["verdicts"],
        summary: "Unpublish: the public URL answers 404 at once on every instance",
        responses: { "204": { description: "Unpublished" }, ...errorResponses(401, 403, 404) },
      },
    },
    "/api/v1/annotations/{id}/verdict": {
      parameters: [uuidParameter("id", "The annotation's id")],
      get: {
        operationId: "getVerdict",
        tags: ["verdicts"],
        summary: "The annotation's verdict (scope read); 404 when it has none",
        responses: {
          "200": jsonResponse("The verdict", {
            type: "object",
            required: ["verdict"],
            properties: { verdict: schemaRef("Verdict") },
          }),
          ...errorResponses(401, 403, 404),
        },
      },
      put: {
        operationId: "setVerdict",
        tags: ["verdicts"],
        summary:
          "Give or change the verdict on an approved fact annotation (moderators, admins; scope review). 409 when the annotation is not an approved fact. A later relabel, rejection, edit or deletion withdraws it",
        requestBody: jsonRequestBody(schemaRef("VerdictInput")),
        responses: {
          "200": jsonResponse("The changed verdict", {
            type: "object",
            required: ["verdict"],
            properties: { verdict: schemaRef("Verdict") },
          }),
          "201": jsonResponse("The first verdict", {
            type: "object",
            required: ["verdict"],
            properties: { verdict: schemaRef("Verdict") },
          }),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
      delete: {
        operationId: "deleteVerdict",
        tags: ["verdicts"],
        summary: "Remove the verdict (moderators, admins; scope review)",
        responses: { "204": { description: "Removed" }, ...errorResponses(401, 403, 404) },
      },
    },
    "/api/v1/teams/{team}/rating-scale": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "getRatingScale",
        tags: ["verdicts"],
        summary: "The team's rating scale (every member; scope read)",
        responses: {
          "200": jsonResponse("The scale", schemaRef("RatingScale")),
          ...errorResponses(401, 403, 404),
        },
      },
      put: {
        operationId: "updateRatingScale",
        tags: ["verdicts"],
        summary: "Replace the rating scale (admins, signed in; API tokens may not)",
        requestBody: jsonRequestBody(schemaRef("RatingScaleInput")),
        responses: {
          "200": jsonResponse("The new scale", schemaRef("RatingScale")),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
  },
};
