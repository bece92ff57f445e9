import { ERROR_RESPONSES } from "./components.ts";
import type { JsonObject } from "./types.ts";

/** The parts of the document every area shares: info, security schemes, the Error schema. */
export function baseDocument(): JsonObject & {
  tags: { name: string; description: string }[];
  paths: Record<string, unknown>;
  components: { schemas: Record<string, JsonObject> } & JsonObject;
} {
  return {
    openapi: "3.1.0",
    info: {
      title: "Proofmark API",
      version: "1.0.0",
      description:
        "Collaborative annotation for newsrooms. Authenticate with the browser's session cookie or " +
        '`Authorization: Bearer <api token>`. Errors are `{ "error": { "code", "message" } }`. ' +
        "Labels, statuses, roles and scopes travel in lower case. See docs/API.md.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: [],
    paths: {},
    components: {
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description:
            "An API token of one team (`pm_...`), created by a team admin. It acts with at most its creator's " +
            "role in that team, narrowed to its scopes: read, annotate, review, export.",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description:
            "The browser session (named `__Secure-next-auth.session-token` over https). Writes with a cookie " +
            "must come from this site (Origin checked).",
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: {
                  type: "string",
                  enum: [
                    "invalid_input",
                    "unauthenticated",
                    "forbidden",
                    "not_found",
                    "method_not_allowed",
                    "conflict",
                    "version_conflict",
                    "too_large",
                    "uri_too_long",
                    "unsupported_media_type",
                    "rate_limited",
                    "internal",
                    "unavailable",
                    "fetch_blocked_address",
                    "fetch_unsupported_type",
                    "fetch_too_large",
                    "fetch_timeout",
                    "fetch_http_error",
                    "fetch_failed",
                  ],
                },
                message: { type: "string", description: "Written for people; safe to show" },
                details: { type: "object" },
              },
            },
          },
        },
        Role: { type: "string", enum: ["admin", "moderator", "annotator", "viewer"] },
        Scope: { type: "string", enum: ["read", "annotate", "review", "export"] },
        UserRef: {
          type: "object",
          required: ["id", "name"],
          properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } },
        },
      },
      responses: ERROR_RESPONSES,
    },
  };
}
