import {
  ZPublication,
  ZPublicationState,
  ZRatingScale,
  ZVerdictEnvelope,
} from "../../validation/responses/verdicts.ts";
import { ZRatingScaleInput, ZVerdictInput } from "../../validation/verdicts.ts";
import { errorResponses, TEAM_PARAMETER, uuidParameter, WRITE_ERRORS } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { zodRequestBody, zodResponse } from "../zod.ts";

/** Verdicts on approved fact annotations and the team's rating scale. */
export const verdictPaths: OpenApiModule = {
  tags: [{ name: "verdicts", description: "Fact-check verdicts and the team's rating scale" }],
  paths: {
    "/api/v1/articles/{id}/publication": {
      parameters: [uuidParameter("id", "The article's id")],
      get: {
        operationId: "getPublication",
        tags: ["verdicts"],
        summary: "Whether the article is published and where (every member; scope read)",
        responses: {
          "200": zodResponse("The publication or null", ZPublicationState),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "publishArticle",
        tags: ["verdicts"],
        summary:
          "Publish the article (moderators, admins; scope review): a snapshot of its approved passages and verdicts at /p/{publicId}, readable without sign-in. 409 when already published",
        responses: {
          "201": zodResponse("Published", ZPublication),
          ...errorResponses(401, 403, 404, 409),
        },
      },
      put: {
        operationId: "republishArticle",
        tags: ["verdicts"],
        summary: "Republish the article's current state under the same URL (404 when not published)",
        responses: {
          "200": zodResponse("Republished", ZPublication),
          ...errorResponses(401, 403, 404),
        },
      },
      delete: {
        operationId: "unpublishArticle",
        tags: ["verdicts"],
        summary: "Unpublish: the public URL answers 404 at once on every instance",
        responses: { "204": { description: "Unpublished" }, ...errorResponses(401, 403, 404) },
      },
    },
    "/api/v1/annotations/{id}/verdict": {
      parameters: [uuidParameter("id", "The annotation's id")],
      get: {
        operationId: "getVerdict",
        tags: ["verdicts"],
        summary: "The annotation's verdict (scope read); 404 when it has none",
        responses: {
          "200": zodResponse("The verdict", ZVerdictEnvelope),
          ...errorResponses(401, 403, 404),
        },
      },
      put: {
        operationId: "setVerdict",
        tags: ["verdicts"],
        summary:
          "Give or change the verdict on an approved fact annotation (moderators, admins; scope review). 409 when the annotation is not an approved fact. A later relabel, rejection, edit or deletion withdraws it",
        requestBody: zodRequestBody(ZVerdictInput),
        responses: {
          "200": zodResponse("The changed verdict", ZVerdictEnvelope),
          "201": zodResponse("The first verdict", ZVerdictEnvelope),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
      delete: {
        operationId: "deleteVerdict",
        tags: ["verdicts"],
        summary: "Remove the verdict (moderators, admins; scope review)",
        responses: { "204": { description: "Removed" }, ...errorResponses(401, 403, 404) },
      },
    },
    "/api/v1/teams/{team}/rating-scale": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "getRatingScale",
        tags: ["verdicts"],
        summary: "The team's rating scale (every member; scope read)",
        responses: {
          "200": zodResponse("The scale", ZRatingScale),
          ...errorResponses(401, 403, 404),
        },
      },
      put: {
        operationId: "updateRatingScale",
        tags: ["verdicts"],
        summary: "Replace the rating scale (admins, signed in; API tokens may not)",
        requestBody: zodRequestBody(ZRatingScaleInput),
        responses: {
          "200": zodResponse("The new scale", ZRatingScale),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
  },
};
