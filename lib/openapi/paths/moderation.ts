import { z } from "zod";
import { ZHistoryEntry, ZReviewedAnnotationList } from "../../validation/responses/annotations.ts";
import {
  ZAgreement,
  ZDisagreementList,
  ZNotificationList,
  ZReply,
  ZReview,
  ZReviewQueuePage,
  ZReviewResult,
} from "../../validation/responses/moderation.ts";
import {
  ZBulkReviewInput,
  ZDisagreementsQuery,
  ZMarkNotificationsReadInput,
  ZNotificationsQuery,
  ZReplyInput,
  ZReviewInput,
  ZReviewQueueQuery,
  ZSettleDisagreementInput,
} from "../../validation/reviews.ts";
import { errorResponses, TEAM_PARAMETER, uuidParameter, WRITE_ERRORS } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { zodQueryParameters, zodRequestBody, zodResponse } from "../zod.ts";

const DECISION_RULES =
  "reason is required (non-empty) to reject or relabel, optional to approve; label is relabel's new label (it must differ from the current one) and only relabel takes one.";

/** Moderation: reviews, the review queue, agreement, discussion, history, notifications. */
export const moderationPaths: OpenApiModule = {
  tags: [
    { name: "moderation", description: "Reviews, the review queue, agreement figures, discussion, history" },
  ],
  paths: {
    "/api/v1/annotations/{id}/replies": {
      parameters: [uuidParameter("id", "The annotation's id")],
      get: {
        operationId: "listReplies",
        tags: ["moderation"],
        summary: "The annotation's discussion thread, oldest first (scope read)",
        responses: {
          "200": zodResponse("The replies", z.object({ replies: z.array(ZReply) })),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "createReply",
        tags: ["moderation"],
        summary:
          "Reply to an annotation; its author is notified (annotators, moderators, admins; scope annotate)",
        requestBody: zodRequestBody(ZReplyInput),
        responses: {
          "201": zodResponse("The reply", ZReply),
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
        requestBody: zodRequestBody(ZReplyInput),
        responses: {
          "200": zodResponse("The reply", ZReply),
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
          "200": zodResponse("Oldest first", z.object({ history: z.array(ZHistoryEntry) })),
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
        parameters: zodQueryParameters(ZNotificationsQuery, { unread: "Only unread ones" }),
        responses: {
          "200": zodResponse("The notifications and the unread count", ZNotificationList),
          ...errorResponses(400, 401),
        },
      },
    },
    "/api/v1/notifications/read": {
      post: {
        operationId: "markNotificationsRead",
        tags: ["moderation"],
        summary: "Mark your notifications read: {ids} or {all: true}",
        requestBody: zodRequestBody(ZMarkNotificationsReadInput),
        responses: {
          "200": zodResponse("How many were marked", z.object({ updated: z.number().int().min(0) })),
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
        parameters: zodQueryParameters(ZReviewQueueQuery, {
          article: "Only this article's",
          label: "Only this label",
          author: "Only this annotator's",
          hasEvidence: "With (true) or without (false) evidence",
          disagreement: "In disagreement (true) or not (false)",
          minAgeHours: "At least this many hours old",
          maxAgeHours: "At most this many hours old",
          cursor: "nextCursor of the previous page",
        }),
        responses: {
          "200": zodResponse("One page of the queue", ZReviewQueuePage),
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
        parameters: zodQueryParameters(ZDisagreementsQuery, { article: "Only this article's" }),
        responses: {
          "200": zodResponse("The open disagreements", ZDisagreementList),
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
        requestBody: zodRequestBody(ZSettleDisagreementInput),
        responses: {
          "200": zodResponse("The annotations it changed", ZReviewedAnnotationList),
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
          "200": zodResponse("The figures", ZAgreement),
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
          "200": zodResponse("The figures", ZAgreement),
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
          "200": zodResponse("The reviews", z.object({ reviews: z.array(ZReview) })),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "reviewAnnotation",
        tags: ["moderation"],
        summary:
          "Approve, reject (reason required) or relabel (label and reason required) another member's annotation; nobody reviews their own (403). Moderators and admins; scope review",
        description: `${DECISION_RULES} version: the annotation version you saw; a stale one gets 409.`,
        requestBody: zodRequestBody(ZReviewInput),
        responses: {
          "201": zodResponse(
            "The review and the annotation's new state (also published live)",
            ZReviewResult,
          ),
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
        description: DECISION_RULES,
        requestBody: zodRequestBody(ZBulkReviewInput),
        responses: {
          "200": zodResponse("The reviewed annotations", ZReviewedAnnotationList),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
  },
};
