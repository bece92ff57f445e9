import { z } from "zod";
import { ZCreatedToken, ZToken } from "../../validation/responses/teams.ts";
import { ZCreateTokenInput } from "../../validation/tokens.ts";
import { errorResponses, TEAM_PARAMETER, uuidParameter, WRITE_ERRORS } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { zodRequestBody, zodResponse } from "../zod.ts";

/** API tokens of a team (admins, signed in only: a token cannot list or mint tokens). */
export const tokenPaths: OpenApiModule = {
  tags: [{ name: "tokens", description: "API tokens of a team" }],
  paths: {
    "/api/v1/teams/{team}/tokens": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "listTokens",
        tags: ["tokens"],
        summary: "The team's API tokens, without secrets (admins, signed in)",
        security: [{ sessionCookie: [] }],
        responses: {
          "200": zodResponse("The tokens", z.object({ tokens: z.array(ZToken) })),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "createToken",
        tags: ["tokens"],
        summary: "Issue an API token (admins, signed in); the secret is returned once",
        security: [{ sessionCookie: [] }],
        requestBody: zodRequestBody(ZCreateTokenInput),
        responses: {
          "201": zodResponse("The token with its secret", ZCreatedToken),
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
