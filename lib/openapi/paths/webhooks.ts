import { ZListEventsQuery } from "../../validation/events.ts";
import { ZEventPage } from "../../validation/responses/events.ts";
import {
  ZQueuedDelivery,
  ZWebhook,
  ZWebhookDeliveryList,
  ZWebhookList,
  ZWebhookWithSecret,
} from "../../validation/responses/webhooks.ts";
import { ZCreateWebhookInput, ZDeliveriesQuery, ZUpdateWebhookInput } from "../../validation/webhooks.ts";
import { errorResponses, TEAM_PARAMETER, uuidParameter, WRITE_ERRORS } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { zodQueryParameters, zodRequestBody, zodResponse } from "../zod.ts";

const adminOnly = [{ sessionCookie: [] }];
const WEBHOOK = uuidParameter("id", "The webhook endpoint's id");

/** The team event feed and webhook endpoints (docs/WEBHOOKS.md). */
export const webhookPaths: OpenApiModule = {
  tags: [
    { name: "events", description: "The team's events, for pull consumers" },
    { name: "webhooks", description: "Webhook endpoints, signed by the Standard Webhooks specification" },
  ],
  paths: {
    "/api/v1/teams/{team}/events": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "listEvents",
        tags: ["events"],
        summary: "The team's events in order after a cursor (members; tokens with read)",
        parameters: zodQueryParameters(ZListEventsQuery, {
          after: "The `cursor` of the last event read",
          types: "Comma-separated event types",
          limit: "Page size",
        }),
        responses: {
          "200": zodResponse("A page of events", ZEventPage),
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
          "200": zodResponse("The endpoints", ZWebhookList),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "createWebhook",
        tags: ["webhooks"],
        summary: "Register an endpoint; its signing secret is returned once",
        security: adminOnly,
        requestBody: zodRequestBody(ZCreateWebhookInput),
        responses: {
          "201": zodResponse("The endpoint with its secret", ZWebhookWithSecret),
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
          "200": zodResponse("The endpoint", ZWebhook),
          ...errorResponses(401, 403, 404),
        },
      },
      patch: {
        operationId: "updateWebhook",
        tags: ["webhooks"],
        summary: "Edit an endpoint, or disable / enable it",
        security: adminOnly,
        requestBody: zodRequestBody(ZUpdateWebhookInput),
        responses: {
          "200": zodResponse("The endpoint", ZWebhook),
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
          "200": zodResponse("The endpoint with its new secret", ZWebhookWithSecret),
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
          "202": zodResponse("Queued", ZQueuedDelivery),
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
        parameters: zodQueryParameters(ZDeliveriesQuery, { limit: "Page size" }),
        responses: {
          "200": zodResponse("The deliveries", ZWebhookDeliveryList),
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
          "202": zodResponse("Queued", ZQueuedDelivery),
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
  },
};
