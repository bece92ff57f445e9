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

/** Teams, members and the caller leaving a team. */
export const teamPaths: OpenApiModule = {
  tags: [{ name: "teams", description: "Teams and their members" }],
  schemas: {
    Team: {
      type: "object",
      required: ["id", "slug", "name", "role", "createdAt"],
      properties: {
        id: { type: "string", format: "uuid" },
        slug: { type: "string" },
        name: { type: "string" },
        role: { ...schemaRef("Role"), description: "The caller's role in the team" },
        createdAt: timestamp,
      },
    },
    TeamDetail: {
      allOf: [
        schemaRef("Team"),
        { type: "object", required: ["memberCount"], properties: { memberCount: { type: "integer" } } },
      ],
    },
    CreateTeamInput: {
      type: "object",
      required: ["slug", "name"],
      additionalProperties: false,
      properties: {
        slug: {
          type: "string",
          pattern: "^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$",
          description: "3-40 characters",
        },
        name: { type: "string", minLength: 1, maxLength: 100 },
      },
    },
    Member: {
      type: "object",
      required: ["userId", "name", "email", "role", "joinedAt"],
      properties: {
        userId: { type: "string", format: "uuid" },
        name: { type: "string" },
        email: { type: "string", format: "email" },
        role: schemaRef("Role"),
        joinedAt: timestamp,
      },
    },
    ChangeMemberRoleInput: {
      type: "object",
      required: ["role"],
      properties: { role: schemaRef("Role") },
    },
  },
  paths: {
    "/api/v1/teams": {
      get: {
        operationId: "listTeams",
        tags: ["teams"],
        summary: "The caller's teams with their role (an API token sees only its own team)",
        responses: {
          "200": jsonResponse("The teams", {
            type: "object",
            required: ["teams"],
            properties: { teams: { type: "array", items: schemaRef("Team") } },
          }),
          ...errorResponses(401),
        },
      },
      post: {
        operationId: "createTeam",
        tags: ["teams"],
        summary: "Create a team; the signed-in caller becomes its admin (not with an API token)",
        requestBody: jsonRequestBody(schemaRef("CreateTeamInput")),
        responses: {
          "201": jsonResponse("The new team", schemaRef("Team")),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
    "/api/v1/teams/{team}": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "getTeam",
        tags: ["teams"],
        summary: "One of the caller's teams (scope: read)",
        responses: {
          "200": jsonResponse("The team", schemaRef("TeamDetail")),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    "/api/v1/teams/{team}/members": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "listMembers",
        tags: ["teams"],
        summary: "The team's members and roles (scope: read)",
        responses: {
          "200": jsonResponse("The members", {
            type: "object",
            required: ["members"],
            properties: { members: { type: "array", items: schemaRef("Member") } },
          }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    "/api/v1/teams/{team}/members/{userId}": {
      parameters: [TEAM_PARAMETER, uuidParameter("userId", "The member's user id")],
      patch: {
        operationId: "changeMemberRole",
        tags: ["teams"],
        summary: "Change a member's role (admins, signed in); the last admin cannot be demoted",
        requestBody: jsonRequestBody(schemaRef("ChangeMemberRoleInput")),
        responses: {
          "200": jsonResponse("The member with the new role", schemaRef("Member")),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
      delete: {
        operationId: "removeMember",
        tags: ["teams"],
        summary: "Remove a member (admins, signed in); the last admin cannot be removed",
        responses: { "204": { description: "Removed" }, ...errorResponses(401, 403, 404, 409) },
      },
    },
    "/api/v1/teams/{team}/leave": {
      parameters: [TEAM_PARAMETER],
      post: {
        operationId: "leaveTeam",
        tags: ["teams"],
        summary: "The signed-in caller leaves the team (not the last admin)",
        responses: { "204": { description: "Left the team" }, ...errorResponses(401, 403, 404, 409) },
      },
    },
  },
};
