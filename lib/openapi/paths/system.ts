import { jsonResponse, schemaRef } from "../components.ts";
import type { OpenApiModule } from "../types.ts";

/** Health and the API description itself. */
export const systemPaths: OpenApiModule = {
  tags: [{ name: "system", description: "Health and API description" }],
  schemas: {
    Health: {
      type: "object",
      required: ["status"],
      properties: {
        status: { type: "string", enum: ["ok", "unavailable"] },
        database: { type: "string", enum: ["ok", "unreachable"] },
      },
    },
  },
  paths: {
    "/api/v1/health": {
      get: {
        operationId: "getHealth",
        tags: ["system"],
        summary: "Health check (the database answers SELECT 1)",
        security: [],
        responses: {
          "200": jsonResponse("Healthy", schemaRef("Health")),
          "503": jsonResponse("The database is not reachable", schemaRef("Health")),
        },
      },
    },
    "/api/v1/openapi.json": {
      get: {
        operationId: "getOpenApiDocument",
        tags: ["system"],
        summary: "This OpenAPI 3.1 document",
        security: [],
        responses: {
          "200": jsonResponse("The document", { type: "object" }),
        },
      },
    },
  },
};
