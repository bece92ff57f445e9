import { z } from "zod";
import { ZAnnotation } from "../../validation/responses/annotations.ts";
import { ZReopenInput } from "../../validation/reviews.ts";
import { errorResponses, uuidParameter, WRITE_ERRORS } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { zodRequestBody, zodResponse } from "../zod.ts";

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
        requestBody: zodRequestBody(ZReopenInput),
        responses: {
          "200": zodResponse(
            "The annotation, pending again (also published live)",
            z.object({ annotation: ZAnnotation }),
          ),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
  },
};
