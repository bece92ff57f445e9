import {
  errorResponses,
  jsonRequestBody,
  jsonResponse,
  queryParameter,
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

const REPLY_BODY = jsonRequestBody({
  type: "object",
  required: ["body"],
  additionalProperties: false,
  properties: { body: { type: "string", minLength: 1, maxLength: 4000 } },
});

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
    Reply: {
      type: "object",
      required: ["id", "annotationId", "author", "body", "createdAt", "editedAt"],
      properties: {
        id: { type: "string", format: "uuid" },
        annotationId: { type: "string", format: "uuid" },
        author: userRef,
        body: { type: "string" },
        createdAt: timestamp,
        editedAt: {
          type: ["string", "null"],
          format: "date-time",
          description: "Set once its author edits it",
        },
      },
    },
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
    "/api/v1/annotations/{id}/replies": {
      parameters: [uuidParameter("id", "The annotation's id")],
      get: {
        operationId: "listReplies",
        tags: ["moderation"],
        summary: "The annotation's discussion thread, oldest first (scope read)",
        responses: {
          "200": jsonResponse("The replies", {
            type: "object",
            required: ["replies"],
            properties: { replies: { type: "array", items: schemaRef("Reply") } },
          }),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "createReply",
        tags: ["moderation"],
        summary:
          "Reply to an annotation; its author is notified (annotators, moderators, admins; scope annotate)",
        requestBody: REPLY_BODY,
        responses: {
          "201": jsonResponse("The reply", schemaRef("Reply")),
          ...errorResponses(...WRITE_ERRORS),
        },
      },
    },
    "/api/v1/annotations/{id}/replies/{replyId}": {
      parameters: [uuidParameter("id", "The annotation's id"), uuidParameter("replyId", "The reply's id")],
      patch: {
        operationId: "updateReply",
        tags: ["moderation"],
        summary: "Edit your own reply; it is shown as edited (scope annotate)",
        requestBody: REPLY_BODY,
        responses: {
          "200": jsonResponse("The reply", schemaRef("Reply")),
          ...errorResponses(...WRITE_ERRORS),
        },
      },
    },
    "/api/v1/annotations/{id}/history": {
      parameters: [uuidParameter("id", "The annotation's id")],
      get: {
        operationId: "getAnnotationHistory",
        tags: ["moderation"],
        summary:
          "The annotation's timeline from the append-only audit log: its changes, review decisions (with reasons), evidence and replies (scope read)",
        responses: {
          "200": jsonResponse("Oldest first", {
            type: "object",
            required: ["history"],
            properties: {
              history: {
                type: "array",
                items: {
                  type: "object",
                  required: ["id", "action", "at", "actor", "viaToken", "before", "after", "reason"],
                  properties: {
                    id: { type: "string" },
                    action: { type: "string" },
                    at: timestamp,
                    actor: { oneOf: [userRef, { type: "null" }] },
                    viaToken: { type: "boolean" },
                    before: {},
                    after: {},
                    reason: { type: ["string", "null"] },
                  },
                },
              },
            },
          }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    "/api/v1/notifications": {
      get: {
        operationId: "listNotifications",
        tags: ["moderation"],
        summary:
          "Your in-app notifications (your tags reviewed or replied to), newest first; a token sees its team's only",
        parameters: [
          queryParameter("unread", "Only unread ones", { type: "string", enum: ["true", "false"] }),
          queryParameter("limit", "1 to 100, default 50", { type: "integer", minimum: 1, maximum: 100 }),
        ],
        responses: {
          "200": jsonResponse("The notifications and the unread count", {
            type: "object",
            required: ["notifications", "unread"],
            properties: {
              unread: { type: "integer" },
              notifications: {
                type: "array",
                items: {
                  type: "object",
                  required: ["id", "kind", "teamId", "annotationId", "payload", "read", "createdAt"],
                  properties: {
                    id: { type: "string", format: "uuid" },
                    kind: {
                      type: "string",
                      enum: ["annotation.reviewed", "annotation.replied", "annotation.source_changed"],
                    },
                    teamId: { type: "string", format: "uuid" },
                    annotationId: { type: ["string", "null"], format: "uuid" },
                    payload: { type: "object" },
                    read: { type: "boolean" },
                    createdAt: timestamp,
                  },
                },
              },
            },
          }),
          ...errorResponses(400, 401),
        },
      },
    },
    "/api/v1/notifications/read": {
      post: {
        operationId: "markNotificationsRead",
        tags: ["moderation"],
        summary: "Mark your notifications read: {ids} or {all: true}",
        requestBody: jsonRequestBody({
          type: "object",
          additionalProperties: false,
          properties: {
            ids: { type: "array", items: { type: "string", format: "uuid" }, minItems: 1, maxItems: 200 },
            all: { const: true },
          },
        }),
        responses: {
          "200": jsonResponse("How many were marked", {
            type: "object",
            required: ["updated"],
            properties: { updated: { type: "integer" } },
          }),
          ...errorResponses(400, 401, 413, 415),
        },
      },
    },
    "/api/v1/teams/{team}/review-queue": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "listReviewQueue",
        tags: ["moderation"],
        summary:
          "Annotations awaiting review with filters, sort and cursor pages and a count capped at 1,000; the open disagreements are listed by …/review-queue/disagreements (moderators, admins; scope review)",
        parameters: [
          queryParameter("article", "Only this article's", { type: "string", format: "uuid" }),
          queryParameter("label", "Only this label", labelEnum),
          queryParameter("author", "Only this annotator's", { type: "string", format: "uuid" }),
          queryParameter("hasEvidence", "With (true) or without (false) evidence", {
            type: "string",
            enum: ["true", "false"],
          }),
          queryParameter("disagreement", "In disagreement (true) or not (false)", {
            type: "string",
            enum: ["true", "false"],
          }),
          queryParameter("minAgeHours", "At least this many hours old", { type: "number", minimum: 0 }),
          queryParameter("maxAgeHours", "At most this many hours old", { type: "number", minimum: 0 }),
          queryParameter("status", "Default pending", {
            type: "string",
            enum: ["pending", "approved", "rejected"],
          }),
          queryParameter("sort", "Default oldest", { type: "string", enum: ["oldest", "newest"] }),
          queryParameter("limit", "1 to 100, default 25", { type: "integer", minimum: 1, maximum: 100 }),
          queryParameter("cursor", "nextCursor of the previous page", { type: "string" }),
        ],
        responses: {
          "200": jsonResponse("One page of the queue", {
            type: "object",
            required: ["items", "nextCursor", "total", "totalIsCapped"],
            properties: {
              items: {
                type: "array",
                items: {
                  allOf: [
                    schemaRef("Annotation"),
                    {
                      type: "object",
                      required: ["article", "inDisagreement"],
                      properties: {
                        article: {
                          type: "object",
                          required: ["id", "title"],
                          properties: { id: { type: "string", format: "uuid" }, title: { type: "string" } },
                        },
                        inDisagreement: { type: "boolean" },
                      },
                    },
                  ],
                },
              },
              nextCursor: { type: ["string", "null"] },
              total: {
                type: "integer",
                description: "Matches of the filters on every page, counted up to 1,000 (see totalIsCapped)",
              },
              totalIsCapped: {
                type: "boolean",
                description: "More than total match: the count stopped at its cap (show as 1,000+)",
              },
            },
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    "/api/v1/teams/{team}/review-queue/disagreements": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "listDisagreements",
        tags: ["moderation"],
        summary:
          "Open disagreements among the 500 oldest pending tags, oldest first, at most 20: overlapping tags by different annotators with different labels, each with every side (moderators, admins; scope review)",
        parameters: [queryParameter("article", "Only this article's", { type: "string", format: "uuid" })],
        responses: {
          "200": jsonResponse("The open disagreements", {
            type: "object",
            required: ["disagreements"],
            properties: {
              disagreements: {
                type: "array",
                items: {
                  type: "object",
                  required: ["key", "article", "start", "end", "text", "annotations"],
                  properties: {
                    key: {
                      type: "string",
                      description:
                        "Stable while the group is unchanged: its annotation ids, sorted, joined by '.'",
                    },
                    article: {
                      type: "object",
                      required: ["id", "title"],
                      properties: { id: { type: "string", format: "uuid" }, title: { type: "string" } },
                    },
                    start: { type: "integer" },
                    end: { type: "integer" },
                    text: { type: "string", description: "The passage the group covers" },
                    annotations: { type: "array", items: schemaRef("Annotation") },
                  },
                },
              },
            },
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    "/api/v1/teams/{team}/review-queue/settle": {
      parameters: [TEAM_PARAMETER],
      post: {
        operationId: "settleDisagreement",
        tags: ["moderation"],
        summary:
          "Settle a disagreement: the label wins for every listed annotation (approve those with it, relabel the others), with a reason, all or none (scope review)",
        requestBody: jsonRequestBody({
          type: "object",
          required: ["annotationIds", "label", "reason"],
          additionalProperties: false,
          properties: {
            annotationIds: {
              type: "array",
              minItems: 2,
              maxItems: 50,
              items: { type: "string", format: "uuid" },
            },
            label: labelEnum,
            reason: { type: "string", minLength: 1, maxLength: 2000 },
          },
        }),
        responses: {
          "200": jsonResponse("The annotations it changed", {
            type: "object",
            required: ["annotations"],
            properties: { annotations: { type: "array", items: schemaRef("Annotation") } },
          }),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
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
