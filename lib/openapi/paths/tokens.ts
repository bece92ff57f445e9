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
const nullableTimestamp = { type: ["string", "null"], format: "date-time" };

/** API tokens of a team (admins, signed in only: a token cannot list or mint tokens). */
export const tokenPaths: OpenApiModule = {
  tags: [{ name: "tokens", description: "API tokens of a team" }],
  schemas: {
    Token: {
      type: "object",
      required: [
        "id",
        "name",
        "prefix",
        "scopes",
        "createdBy",
        "createdAt",
        "expiresAt",
        "lastUsedAt",
        "revokedAt",
      ],
      properties: {
        id: { type: "string", format: "uuid" },
        name: { type: "string" },
        prefix: { type: "string", description: "The start of the secret, e.g. pm_Ab3d…" },
        scopes: { type: "array", items: schemaRef("Scope") },
        createdBy: schemaRef("UserRef"),
        createdAt: timestamp,
        expiresAt: nullableTimestamp,
        lastUsedAt: nullableTimestamp,
        revokedAt: nullableTimestamp,
      },
    },
    CreatedToken: {
      allOf: [
        schemaRef("Token"),
        {
          type: "object",
          required: ["secret"],
          properties: {
            secret: {
              type: "string",
              description: "The bearer secret (pm_...), shown only in this response",
            },
          },
        },
      ],
    },
    CreateTokenInput: {
      type: "object",
      required: ["name", "scopes"],
      properties: {
        name: { type: "string", minLength: 1, maxLength: 100 },
        scopes: { type: "array", items: schemaRef("Scope"), minItems: 1, uniqueItems: true },
        expiresInDays: {
          type: ["integer", "null"],
          minimum: 1,
          maximum: 3650,
          default: 90,
          description: "Days until the token stops working; omitted: 90; null: never (until revoked)",
        },
      },
    },
  },
  paths: {
    "/api/v1/teams/{team}/tokens": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "listTokens",
        tags: ["tokens"],
        summary: "The team's API tokens, without secrets (admins, signed in)",
        security: [{ sessionCookie: [] }],
        responses: {
          "200": jsonResponse("The tokens", {
            type: "object",
            required: ["tokens"],
            properties: { tokens: { type: "array", items: schemaRef("Token") } },
          }),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "createToken",
        tags: ["tokens"],
        summary: "Issue an API token (admins, signed in); the secret is returned once",
        security: [{ sessionCookie: [] }],
        requestBody: jsonRequestBody(schemaRef("CreateTokenInput")),
        responses: {
          "201": jsonResponse("The token with its secret", schemaRef("CreatedToken")),
          ...errorResponses(...WRITE_ERRORS),
        },
      },
    },
    "/api/v1/teams/{team}/tokens/{id}": {
      parameters: [TEAM_PARAMETER, uuidParameter("id", "The token's id")],
      delete: {
        operationId: "revokeToken",
        tags: ["tokens"],
        summary: "Revoke an API token at once (admins, signed in)",
        security: [{ sessionCookie: [] }],
        responses: { "204": { description: "Revoked" }, ...errorResponses(401, 403, 404) },
      },
    },
  },
};
