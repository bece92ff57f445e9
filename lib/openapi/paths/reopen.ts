import {
  errorResponses,
  jsonRequestBody,
  jsonResponse,
  schemaRef,
  uuidParameter,
  WRITE_ERRORS,
} from "../components.ts";
import type { OpenApiModule } from "../types.ts";

/** Reopening a decided annotation (review queue, issue 21 item 10). */
export const reopenPaths: OpenApiModule = {
  paths: {
    "/api/v1/annotations/{id}/reopen": {
      parameters: [uuidParameter("id", "The annotation's id")],
      post: {
        operationId: "reopenAnnotation",
        tags: ["moderation"],
        summary:
          "Reopen another member's approved or rejected annotation: back to pending review (label kept, reviews kept), audited as annotation.reopen, its author notified. 409 when it is already pending or the version is stale. Moderators and admins; scope review. Send {} for no version or reason",
        requestBody: jsonRequestBody({
          type: "object",
          additionalProperties: false,
          properties: {
            version: {
              type: "integer",
              minimum: 1,
              maximum: 2147483647,
              description: "The version you saw; a stale one is a 409",
            },
            reason: { type: ["string", "null"], maxLength: 2000 },
          },
        }),
        responses: {
          "200": jsonResponse("The annotation, pending again (also published live)", {
            type: "object",
            required: ["annotation"],
            properties: { annotation: schemaRef("Annotation") },
          }),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
  },
};
