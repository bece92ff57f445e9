import {
  errorResponses,
  jsonRequestBody,
  jsonResponse,
  pathParameter,
  schemaRef,
  TEAM_PARAMETER,
  uuidParameter,
  WRITE_ERRORS,
} from "../components.ts";
import type { OpenApiModule } from "../types.ts";

const timestamp = { type: "string", format: "date-time" };

/** Invitation links: admins create, list and revoke them; a signed-in person accepts one. */
export const invitePaths: OpenApiModule = {
  tags: [{ name: "invites", description: "Invitation links to join a team" }],
  schemas: {
    Invite: {
      type: "object",
      required: [
        "id",
        "role",
        "email",
        "status",
        "createdBy",
        "createdAt",
        "expiresAt",
        "acceptedAt",
        "revokedAt",
      ],
      properties: {
        id: { type: "string", format: "uuid" },
        role: schemaRef("Role"),
        email: { type: ["string", "null"], description: "When set, only this address may accept" },
        status: { type: "string", enum: ["pending", "accepted", "revoked", "expired"] },
        createdBy: schemaRef("UserRef"),
        createdAt: timestamp,
        expiresAt: timestamp,
        acceptedAt: { type: ["string", "null"], format: "date-time" },
        revokedAt: { type: ["string", "null"], format: "date-time" },
      },
    },
    CreatedInvite: {
      allOf: [
        schemaRef("Invite"),
        {
          type: "object",
          required: ["secret", "path"],
          properties: {
            secret: { type: "string", description: "Shown only in this response; not stored" },
            path: { type: "string", description: "The link to share, /invite/<secret>" },
          },
        },
      ],
    },
    CreateInviteInput: {
      type: "object",
      required: ["role"],
      properties: {
        role: schemaRef("Role"),
        expiresInHours: { type: "integer", minimum: 1, maximum: 720, default: 168 },
        email: { type: "string", format: "email" },
      },
    },
    AcceptedInvite: {
      type: "object",
      required: ["team", "alreadyMember"],
      properties: { team: schemaRef("Team"), alreadyMember: { type: "boolean" } },
    },
  },
  paths: {
    "/api/v1/teams/{team}/invites": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "listInvites",
        tags: ["invites"],
        summary: "The team's invites, newest first (admins, signed in)",
        responses: {
          "200": jsonResponse("The invites", {
            type: "object",
            required: ["invites"],
            properties: { invites: { type: "array", items: schemaRef("Invite") } },
          }),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "createInvite",
        tags: ["invites"],
        summary: "Create an invite link (admins, signed in); the secret is returned once",
        requestBody: jsonRequestBody(schemaRef("CreateInviteInput")),
        responses: {
          "201": jsonResponse("The invite with its secret", schemaRef("CreatedInvite")),
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
          "201": jsonResponse("Joined the team", schemaRef("AcceptedInvite")),
          "200": jsonResponse("Already a member; nothing changed", schemaRef("AcceptedInvite")),
          ...errorResponses(401, 403, 404),
        },
      },
    },
  },
};
