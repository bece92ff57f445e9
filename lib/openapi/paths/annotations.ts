import {
  ZCreateAnnotationInput,
  ZDeleteAnnotationInput,
  ZListAnnotationsQuery,
  ZUpdateAnnotationInput,
} from "../../validation/annotations.ts";
import { ZAnnotation, ZAnnotationList } from "../../validation/responses/annotations.ts";
import { errorResponses, uuidParameter, WRITE_ERRORS } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { zodQueryParameters, zodRequestBody, zodResponse } from "../zod.ts";

/** Annotations: tag spans of an article's text, edit and delete one's own. */
export const annotationPaths: OpenApiModule = {
  tags: [{ name: "annotations", description: "Highlights tagged fact, opinion or advocacy" }],
  paths: {
    "/api/v1/articles/{id}/annotations": {
      parameters: [uuidParameter("id", "The article's id")],
      get: {
        operationId: "listAnnotations",
        tags: ["annotations"],
        summary: "The article's annotations in document order, orphaned last (scope read)",
        parameters: zodQueryParameters(ZListAnnotationsQuery, {
          label: "Only this label",
          status: "Only this status",
          author: "Only this author's",
          orphaned: "Only orphaned (true) or anchored (false) ones",
        }),
        responses: {
          "200": zodResponse("The annotations", ZAnnotationList),
          ...errorResponses(400, 401, 403, 404),
        },
      },
      post: {
        operationId: "createAnnotation",
        tags: ["annotations"],
        summary: "Tag a span of the article's text (annotators, moderators, admins; scope annotate)",
        description:
          "start and end are offsets into the article's plain text (UTF-16 code units), end exclusive; whitespace at either end of the span is trimmed. quote (optional) is the text you saw at [start, end): 409 if the article changed meanwhile.",
        requestBody: zodRequestBody(ZCreateAnnotationInput),
        responses: {
          "201": zodResponse("The annotation; everyone with the article open receives it live", ZAnnotation),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
    "/api/v1/annotations/{id}": {
      parameters: [uuidParameter("id", "The annotation's id")],
      get: {
        operationId: "getAnnotation",
        tags: ["annotations"],
        summary: "One annotation (scope read)",
        responses: {
          "200": zodResponse("The annotation", ZAnnotation),
          ...errorResponses(401, 403, 404),
        },
      },
      patch: {
        operationId: "updateAnnotation",
        tags: ["annotations"],
        summary:
          "Change the label or note of your own annotation; a reviewed one goes back to pending (scope annotate)",
        requestBody: zodRequestBody(ZUpdateAnnotationInput),
        responses: {
          "200": zodResponse("The annotation", ZAnnotation),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
      delete: {
        operationId: "deleteAnnotation",
        tags: ["annotations"],
        summary:
          "Delete your own annotation; send the version as ?version= or a JSON body {version} (scope annotate)",
        parameters: zodQueryParameters(ZDeleteAnnotationInput, { version: "The version you last saw" }).map(
          (parameter) => ({ ...parameter, required: false }),
        ),
        responses: { "204": { description: "Deleted" }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
  },
};
