import { EVENT_TYPES } from "../../events/event-types.ts";
import { MAX_EVENTS_PAGE } from "../../validation/events.ts";
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
const nullableTimestamp = { type: ["string", "null"], format: "date-time" };
const eventType = { type: "string", enum: [...EVENT_TYPES] };
const adminOnly = [{ sessionCookie: [] }];
const WEBHOOK = uuidParameter("id", "The webhook endpoint's id");

/** The team event feed and webhook endpoints (docs/WEBHOOKS.md). */
export const webhookPaths: OpenApiModule = {
  tags: [
    { name: "events", description: "The team's events, for pull consumers" },
    { name: "webhooks", description: "Webhook endpoints, signed by the Standard Webhooks specification" },
  ],
  schemas: {
    EventType: eventType,
    Event: {
      type: "object",
      required: ["id", "cursor", "type", "timestamp", "data"],
      properties: {
        id: { type: "string", description: "Stable id (evt_…), also the webhook-id of its deliveries" },
        cursor: { type: "string", description: "Pass as `after` to read what came after this event" },
        type: schemaRef("EventType"),
        timestamp,
        data: { type: "object", description: "Ids, labels, quotes and links of what changed" },
      },
    },
    Webhook: {
      type: "object",
      required: [
        "id",
        "url",
        "description",
        "events",
        "format",
        "enabled",
        "disabledAt",
        "disabledReason",
        "previousSecretExpiresAt",
        "createdAt",
        "updatedAt",
      ],
      properties: {
        id: { type: "string", format: "uuid" },
        url: { type: "string", format: "uri" },
        description: { type: ["string", "null"] },
        events: { type: "array", items: schemaRef("EventType") },
        format: { type: "string", enum: ["standard", "slack"] },
        enabled: { type: "boolean" },
        disabledAt: nullableTimestamp,
        disabledReason: { type: ["string", "null"] },
        previousSecretExpiresAt: {
          ...nullableTimestamp,
          description: "Until when the previous secret also signs",
        },
        createdAt: timestamp,
        updatedAt: timestamp,
      },
    },
    WebhookWithSecret: {
      allOf: [
        schemaRef("Webhook"),
        {
          type: "object",
          required: ["secret"],
          properties: {
            secret: { type: "string", description: "The whsec_… signing secret, shown only here" },
          },
        },
      ],
    },
    CreateWebhookInput: {
      type: "object",
      required: ["url", "events"],
      properties: {
        url: { type: "string", format: "uri", maxLength: 2048 },
        events: { type: "array", items: schemaRef("EventType"), minItems: 1 },
        description: { type: "string", maxLength: 500 },
        format: { type: "string", enum: ["standard", "slack"], default: "standard" },
      },
    },
    UpdateWebhookInput: {
      type: "object",
      additionalProperties: false,
      properties: {
        url: { type: "string", format: "uri", maxLength: 2048 },
        events: { type: "array", items: schemaRef("EventType"), minItems: 1 },
        description: { type: ["string", "null"], maxLength: 500 },
        format: { type: "string", enum: ["standard", "slack"] },
        enabled: { type: "boolean" },
      },
    },
    WebhookDelivery: {
      type: "object",
      required: [
        "id",
        "eventId",
        "eventType",
        "status",
        "attemptCount",
        "nextAttemptAt",
        "createdAt",
        "attempts",
      ],
      properties: {
        id: { type: "string", format: "uuid" },
        eventId: { type: "string" },
        eventType: { type: "string" },
        status: { type: "string", enum: ["pending", "succeeded", "failed"] },
        attemptCount: { type: "integer" },
        nextAttemptAt: nullableTimestamp,
        createdAt: timestamp,
        attempts: {
          type: "array",
          items: {
            type: "object",
            required: ["attempt", "at", "statusCode", "durationMs", "error", "response", "nextAttemptAt"],
            properties: {
              attempt: { type: "integer" },
              at: timestamp,
              statusCode: { type: ["integer", "null"] },
              durationMs: { type: "integer" },
              error: { type: ["string", "null"] },
              response: { type: ["string", "null"], description: "First 1 KB of the answer, as text" },
              nextAttemptAt: nullableTimestamp,
            },
          },
        },
      },
    },
  },
  paths: {
    "/api/v1/teams/{team}/events": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "listEvents",
        tags: ["events"],
        summary: "The team's events in order after a cursor (members; tokens with read)",
        parameters: [
          queryParameter("after", "The `cursor` of the last event read", {
            type: "string",
            pattern: "^\\d+$",
          }),
          queryParameter("types", "Comma-separated event types", { type: "string" }),
          queryParameter("limit", "Page size", {
            type: "integer",
            minimum: 1,
            maximum: MAX_EVENTS_PAGE,
            default: 100,
          }),
        ],
        responses: {
          "200": jsonResponse("A page of events", {
            type: "object",
            required: ["events", "nextCursor"],
            properties: {
              events: { type: "array", items: schemaRef("Event") },
              nextCursor: {
                type: ["string", "null"],
                description: "Resume from here (unchanged when the page is empty)",
              },
            },
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    "/api/v1/teams/{team}/webhooks": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "listWebhooks",
        tags: ["webhooks"],
        summary: "The team's webhook endpoints (admins, signed in)",
        security: adminOnly,
        responses: {
          "200": jsonResponse("The endpoints", {
            type: "object",
            required: ["webhooks"],
            properties: { webhooks: { type: "array", items: schemaRef("Webhook") } },
          }),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "createWebhook",
        tags: ["webhooks"],
        summary: "Register an endpoint; its signing secret is returned once",
        security: adminOnly,
        requestBody: jsonRequestBody(schemaRef("CreateWebhookInput")),
        responses: {
          "201": jsonResponse("The endpoint with its secret", schemaRef("WebhookWithSecret")),
          ...errorResponses(...WRITE_ERRORS, 422),
        },
      },
    },
    "/api/v1/teams/{team}/webhooks/{id}": {
      parameters: [TEAM_PARAMETER, WEBHOOK],
      get: {
        operationId: "getWebhook",
        tags: ["webhooks"],
        summary: "One endpoint",
        security: adminOnly,
        responses: {
          "200": jsonResponse("The endpoint", schemaRef("Webhook")),
          ...errorResponses(401, 403, 404),
        },
      },
      patch: {
        operationId: "updateWebhook",
        tags: ["webhooks"],
        summary: "Edit an endpoint, or disable / enable it",
        security: adminOnly,
        requestBody: jsonRequestBody(schemaRef("UpdateWebhookInput")),
        responses: {
          "200": jsonResponse("The endpoint", schemaRef("Webhook")),
          ...errorResponses(...WRITE_ERRORS, 422),
        },
      },
      delete: {
        operationId: "deleteWebhook",
        tags: ["webhooks"],
        summary: "Delete an endpoint and its delivery log",
        security: adminOnly,
        responses: { "204": { description: "Deleted" }, ...errorResponses(401, 403, 404) },
      },
    },
    "/api/v1/teams/{team}/webhooks/{id}/rotate-secret": {
      parameters: [TEAM_PARAMETER, WEBHOOK],
      post: {
        operationId: "rotateWebhookSecret",
        tags: ["webhooks"],
        summary: "New signing secret (returned once); the old one also signs for 24 hours",
        security: adminOnly,
        responses: {
          "200": jsonResponse("The endpoint with its new secret", schemaRef("WebhookWithSecret")),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    "/api/v1/teams/{team}/webhooks/{id}/test": {
      parameters: [TEAM_PARAMETER, WEBHOOK],
      post: {
        operationId: "sendWebhookTest",
        tags: ["webhooks"],
        summary: "Queue a webhook.test delivery to the endpoint",
        security: adminOnly,
        responses: {
          "202": jsonResponse("Queued", {
            type: "object",
            required: ["deliveryId"],
            properties: { deliveryId: { type: "string", format: "uuid" } },
          }),
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
    "/api/v1/teams/{team}/webhooks/{id}/deliveries": {
      parameters: [TEAM_PARAMETER, WEBHOOK],
      get: {
        operationId: "listWebhookDeliveries",
        tags: ["webhooks"],
        summary: "The endpoint's delivery log with every attempt, newest first",
        security: adminOnly,
        parameters: [
          queryParameter("limit", "Page size", { type: "integer", minimum: 1, maximum: 100, default: 50 }),
        ],
        responses: {
          "200": jsonResponse("The deliveries", {
            type: "object",
            required: ["deliveries"],
            properties: { deliveries: { type: "array", items: schemaRef("WebhookDelivery") } },
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    "/api/v1/teams/{team}/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
      parameters: [TEAM_PARAMETER, WEBHOOK, uuidParameter("deliveryId", "The delivery's id")],
      post: {
        operationId: "redeliverWebhook",
        tags: ["webhooks"],
        summary: "Send a settled delivery again with a fresh retry schedule",
        security: adminOnly,
        responses: {
          "202": jsonResponse("Queued", {
            type: "object",
            required: ["deliveryId"],
            properties: { deliveryId: { type: "string", format: "uuid" } },
          }),
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
  },
};
