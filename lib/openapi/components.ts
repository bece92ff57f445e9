import { SLUG_PATTERN } from "../validation/teams.ts";
import type { JsonObject } from "./types.ts";

/** A `$ref` to a schema in components.schemas. */
export function schemaRef(name: string): JsonObject {
  return { $ref: `#/components/schemas/${name}` };
}

/** A JSON request body with the given schema. */
export function jsonRequestBody(schema: JsonObject): JsonObject {
  return { required: true, content: { "application/json": { schema } } };
}

/** A JSON response with the given description and schema. */
export function jsonResponse(description: string, schema: JsonObject): JsonObject {
  return { description, content: { "application/json": { schema } } };
}

const ERROR_DESCRIPTIONS = {
  400: "Invalid input (the message names the first problem)",
  401: "Not signed in, or the API token is invalid, expired or revoked",
  403: "Signed in, but the role or the token's scopes do not allow this (or a cross-site cookie write)",
  404: "Not there, or not yours (a team you are not in is reported as not found)",
  409: "Conflict with the current state",
  413: "The body is too large",
  415: "The body is not JSON (send Content-Type: application/json)",
  422: "What the request points at cannot be used: a refused address, a page with no article, a PDF without text (see the error code)",
  424: "The remote server failed: no answer in time, an error status, or no connection (see the error code and details.upstreamStatus)",
  429: "Too many requests; see Retry-After",
  500: "An unexpected error on our side (logged); the message says nothing more",
  503: "A service this endpoint needs is unavailable",
} as const;

export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** Error responses (all `{ error: { code, message } }`) for the given statuses. */
export function errorResponses(...statuses: ErrorStatus[]): Record<string, JsonObject> {
  return Object.fromEntries(
    statuses.map((status) => [String(status), { $ref: `#/components/responses/E${status}` }]),
  );
}

/** The error statuses every JSON write endpoint can answer, besides its own. */
export const WRITE_ERRORS: ErrorStatus[] = [400, 401, 403, 404, 413, 415];

/** Shared responses, one per error status. */
export const ERROR_RESPONSES: Record<string, JsonObject> = Object.fromEntries(
  Object.entries(ERROR_DESCRIPTIONS).map(([status, description]) => [
    `E${status}`,
    jsonResponse(description, schemaRef("Error")),
  ]),
);

/** A path parameter. */
export function pathParameter(
  name: string,
  description: string,
  schema: JsonObject = { type: "string" },
): JsonObject {
  return { name, in: "path", required: true, description, schema };
}

/** The `{team}` path parameter: the team's slug. */
export const TEAM_PARAMETER = pathParameter("team", "The team's slug", {
  type: "string",
  pattern: SLUG_PATTERN.source,
});

/** A uuid path parameter (a malformed id is answered with 404). */
export function uuidParameter(name: string, description: string): JsonObject {
  return pathParameter(name, description, { type: "string", format: "uuid" });
}
