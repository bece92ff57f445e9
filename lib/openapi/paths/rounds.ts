import { ZRound, ZRoundList, ZRoundSubmission } from "../../validation/responses/rounds.ts";
import { ZStartRoundInput, ZUpdateRoundInput } from "../../validation/rounds.ts";
import { errorResponses, uuidParameter, WRITE_ERRORS } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { zodRequestBody, zodResponse } from "../zod.ts";

/** Blind annotation rounds (issue 17, docs/MODERATION.md). */
export const roundPaths: OpenApiModule = {
  tags: [
    {
      name: "rounds",
      description:
        "Blind annotation rounds: while a round is open each of its annotators sees only their own annotations of the article",
    },
  ],
  paths: {
    "/api/v1/articles/{id}/rounds": {
      parameters: [uuidParameter("id", "The article's id")],
      get: {
        operationId: "listRounds",
        tags: ["rounds"],
        summary:
          "The article's blind rounds, newest first. Moderators and admins see every annotator's progress, an annotator only their own (scope read)",
        responses: {
          "200": zodResponse("The rounds", ZRoundList),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "startRound",
        tags: ["rounds"],
        summary:
          "Start a blind round for chosen annotators (members with the annotator role). Moderators and admins; scope review. 409 when the article already has an open round or is archived",
        requestBody: zodRequestBody(ZStartRoundInput),
        responses: {
          "201": zodResponse("The round, open", ZRound),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
    "/api/v1/rounds/{id}": {
      parameters: [uuidParameter("id", "The round's id")],
      get: {
        operationId: "getRound",
        tags: ["rounds"],
        summary: "One round and its progress, as listRounds shows it (scope read)",
        responses: {
          "200": zodResponse("The round", ZRound),
          ...errorResponses(401, 403, 404),
        },
      },
      patch: {
        operationId: "updateRound",
        tags: ["rounds"],
        summary:
          "Extend an open round's due date, reveal an open round (status revealed) or close a revealed one once adjudicated (status closed). Moderators and admins; scope review. 409 when its status does not allow it",
        requestBody: zodRequestBody(ZUpdateRoundInput),
        responses: {
          "200": zodResponse("The round", ZRound),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
    "/api/v1/rounds/{id}/submissions": {
      parameters: [uuidParameter("id", "The round's id")],
      post: {
        operationId: "submitRound",
        tags: ["rounds"],
        summary:
          "Submit one's own annotations of an open round (its annotators only; scope annotate): they are frozen from then on. The last submission reveals the round. 409 when already submitted or the round is not open",
        responses: {
          "201": zodResponse("The submission and the round", ZRoundSubmission),
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
  },
};
