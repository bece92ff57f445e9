import { ZSourceRefresh } from "../../validation/responses/articles.ts";
import { errorResponses, uuidParameter } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { zodResponse } from "../zod.ts";

/** URL and PDF import, and source re-checks (docs/ARTICLES.md). */
export const importPaths: OpenApiModule = {
  paths: {
    "/api/v1/articles/{id}/refresh": {
      parameters: [uuidParameter("id", "The article's id")],
      post: {
        operationId: "refreshArticleSource",
        tags: ["articles"],
        summary:
          "Re-check an article imported from a URL; a changed source is applied as a correction (annotators, moderators, admins; scope annotate)",
        responses: {
          "200": zodResponse("What the re-check found", ZSourceRefresh),
          ...errorResponses(401, 403, 404, 409, 422, 424),
        },
      },
    },
  },
};
