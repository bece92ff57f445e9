import type { ZodType } from "zod";
import { ZErrorResponse, ZUserRef } from "../validation/responses/common.ts";
import { ZRoleName, ZScopeName } from "../validation/responses/teams.ts";
import { ERROR_RESPONSES } from "./components.ts";
import { hoistDefinitions } from "./hoist.ts";
import type { JsonObject } from "./types.ts";
import { toJsonSchema } from "./zod.ts";

/** The named (`.meta({ id })`) schemas of these zod schemas, as components.schemas entries. */
function namedSchemas(schemas: ZodType[]): Record<string, JsonObject> {
  const named: Record<string, JsonObject> = {};
  for (const schema of schemas) hoistDefinitions(toJsonSchema(schema), named);
  return named;
}

/** The parts of the document every area shares: info, security schemes, Error, UserRef, Role, Scope. */
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
      schemas: namedSchemas([ZErrorResponse, ZUserRef, ZRoleName, ZScopeName]),
      responses: ERROR_RESPONSES,
    },
  };
}
