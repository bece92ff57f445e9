import { z } from "zod";
import { ZMember, ZTeam, ZTeamDetail } from "../../validation/responses/teams.ts";
import { ZChangeMemberRoleInput, ZCreateTeamInput } from "../../validation/teams.ts";
import { errorResponses, TEAM_PARAMETER, uuidParameter, WRITE_ERRORS } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { zodRequestBody, zodResponse } from "../zod.ts";

/** Teams, members and the caller leaving a team. */
export const teamPaths: OpenApiModule = {
  tags: [{ name: "teams", description: "Teams and their members" }],
  paths: {
    "/api/v1/teams": {
      get: {
        operationId: "listTeams",
        tags: ["teams"],
        summary: "The caller's teams with their role (an API token sees only its own team)",
        responses: {
          "200": zodResponse("The teams", z.object({ teams: z.array(ZTeam) })),
          ...errorResponses(401),
        },
      },
      post: {
        operationId: "createTeam",
        tags: ["teams"],
        summary: "Create a team; the signed-in caller becomes its admin (not with an API token)",
        requestBody: zodRequestBody(ZCreateTeamInput),
        responses: {
          "201": zodResponse("The new team", ZTeam),
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
          "200": zodResponse("The team", ZTeamDetail),
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
          "200": zodResponse("The members", z.object({ members: z.array(ZMember) })),
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
        requestBody: zodRequestBody(ZChangeMemberRoleInput),
        responses: {
          "200": zodResponse("The member with the new role", ZMember),
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
