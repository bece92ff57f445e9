import { z } from "zod";
import { ZAcceptedInvite, ZCreatedInvite, ZInvite } from "../../validation/responses/teams.ts";
import { ZCreateInviteInput } from "../../validation/teams.ts";
import { errorResponses, pathParameter, TEAM_PARAMETER, uuidParameter, WRITE_ERRORS } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { zodRequestBody, zodResponse } from "../zod.ts";

/** Invitation links: admins create, list and revoke them; a signed-in person accepts one. */
export const invitePaths: OpenApiModule = {
  tags: [{ name: "invites", description: "Invitation links to join a team" }],
  paths: {
    "/api/v1/teams/{team}/invites": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "listInvites",
        tags: ["invites"],
        summary: "The team's invites, newest first (admins, signed in)",
        responses: {
          "200": zodResponse("The invites", z.object({ invites: z.array(ZInvite) })),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "createInvite",
        tags: ["invites"],
        summary: "Create an invite link (admins, signed in); the secret is returned once",
        requestBody: zodRequestBody(ZCreateInviteInput),
        responses: {
          "201": zodResponse("The invite with its secret", ZCreatedInvite),
          ...errorResponses(...WRITE_ERRORS),
        },
      },
    },
    "/api/v1/teams/{team}/invites/{id}": {
      parameters: [TEAM_PARAMETER, uuidParameter("id", "The invite's id")],
      delete: {
        operationId: "revokeInvite",
        tags: ["invites"],
        summary: "Revoke an invite (admins, signed in); 409 if it was already used",
        responses: { "204": { description: "Revoked" }, ...errorResponses(401, 403, 404, 409) },
      },
    },
    "/api/v1/invites/{secret}/accept": {
      parameters: [pathParameter("secret", "The secret from the invite link")],
      post: {
        operationId: "acceptInvite",
        tags: ["invites"],
        summary: "Join the invite's team with its role (signed in; not with an API token)",
        responses: {
          "201": zodResponse("Joined the team", ZAcceptedInvite),
          "200": zodResponse("Already a member; nothing changed", ZAcceptedInvite),
          ...errorResponses(401, 403, 404),
        },
      },
    },
  },
};
