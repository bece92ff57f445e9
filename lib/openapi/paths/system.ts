import { ZHealthResponse, ZJsonDocument } from "../../validation/responses/common.ts";
import type { OpenApiModule } from "../types.ts";
import { zodResponse } from "../zod.ts";

/** Health and the API description itself. */
export const systemPaths: OpenApiModule = {
  tags: [{ name: "system", description: "Health and API description" }],
  paths: {
    "/api/v1/health": {
      get: {
        operationId: "getHealth",
        tags: ["system"],
        summary: "Health check (the database answers SELECT 1)",
        security: [],
        responses: {
          "200": zodResponse("Healthy", ZHealthResponse),
          "503": zodResponse("The database is not reachable", ZHealthResponse),
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
          "200": zodResponse("The document", ZJsonDocument),
        },
      },
    },
  },
};
