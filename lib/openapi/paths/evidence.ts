import { z } from "zod";
import {
  ZCreateEvidenceInput,
  ZEvidenceSettingsInput,
  ZSearchCitableQuery,
} from "../../validation/evidence.ts";
import {
  ZCitableAnnotation,
  ZEvidence,
  ZEvidenceList,
  ZEvidenceSettings,
  ZSnapshot,
  ZSnapshotSummary,
} from "../../validation/responses/evidence.ts";
import { errorResponses, TEAM_PARAMETER, uuidParameter, WRITE_ERRORS } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { zodQueryParameters, zodRequestBody, zodResponse } from "../zod.ts";

/** Evidence: sources and other annotations that corroborate or contradict an annotation. */
export const evidencePaths: OpenApiModule = {
  tags: [{ name: "evidence", description: "Sources that corroborate or contradict an annotation" }],
  paths: {
    "/api/v1/annotations/{id}/evidence": {
      parameters: [uuidParameter("id", "The annotation's id")],
      get: {
        operationId: "listEvidence",
        tags: ["evidence"],
        summary:
          "The annotation's evidence, corroborating and contradicting, and the annotations citing it (scope read)",
        responses: {
          "200": zodResponse("The evidence", ZEvidenceList),
          ...errorResponses(401, 403, 404),
        },
      },
      post: {
        operationId: "addEvidence",
        tags: ["evidence"],
        summary:
          "Attach evidence to an annotation of your team (annotators, moderators, admins; scope annotate). The new counts reach everyone with the article open",
        description:
          "Exactly one of url (an external source) or targetAnnotationId (another annotation of the same team, in any of its articles). title, publisher, quote, accessedAt and archivedUrl apply to external sources only. Empty strings count as not given. URLs: absolute http:// or https:// without user name or password; stored normalised (lower-case host, punycode, no default port), never fetched by the server. accessedAt: a date or date-time with offset, not in the future. targetAnnotationId: a malformed, deleted or other team's id is 404; the annotation itself is 400.",
        requestBody: zodRequestBody(ZCreateEvidenceInput),
        responses: {
          "201": zodResponse("The evidence item", ZEvidence),
          ...errorResponses(...WRITE_ERRORS, 409),
        },
      },
    },
    "/api/v1/evidence/{id}": {
      parameters: [uuidParameter("id", "The evidence item's id")],
      delete: {
        operationId: "removeEvidence",
        tags: ["evidence"],
        summary:
          "Remove an evidence item: whoever added it, the annotation's author, moderators and admins (scope annotate)",
        responses: { "204": { description: "Removed" }, ...errorResponses(401, 403, 404, 409) },
      },
    },
    "/api/v1/evidence/{id}/snapshot": {
      parameters: [uuidParameter("id", "The evidence item's id")],
      get: {
        operationId: "getEvidenceSnapshot",
        tags: ["evidence"],
        summary:
          "Proofmark's snapshot of the cited page: hash, status, final URL, type, title, readable text and the last link check (scope read; viewers too)",
        description:
          "While the page is being archived the answer is 200 with state archiving and no text (poll again); a failed archive is 200 with state failed and failureReason. An internal item, or one cited before archiving existed, is 404 (POST /check archives it).",
        responses: {
          "200": zodResponse("The snapshot", ZSnapshot),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    "/api/v1/evidence/{id}/check": {
      parameters: [uuidParameter("id", "The evidence item's id")],
      post: {
        operationId: "checkEvidenceLink",
        tags: ["evidence"],
        summary:
          "Check the cited page now: ok, redirected, gone or error, and whether its text changed since the snapshot (annotators, moderators, admins; scope annotate). Runs in the background",
        responses: {
          "202": zodResponse("The snapshot summary, checkPending true", ZSnapshotSummary),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    "/api/v1/teams/{team}/evidence/check": {
      parameters: [TEAM_PARAMETER],
      post: {
        operationId: "checkTeamEvidenceLinks",
        tags: ["evidence"],
        summary:
          "Check every source the team cites now (annotators, moderators, admins; scope annotate). Runs in the background",
        responses: {
          "202": zodResponse("How many checks were asked for", z.object({ requested: z.number().int() })),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    "/api/v1/teams/{team}/evidence/settings": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "getEvidenceSettings",
        tags: ["evidence"],
        summary: "The team's archiving settings and schedules (scope read)",
        responses: {
          "200": zodResponse("The settings", ZEvidenceSettings),
          ...errorResponses(401, 403, 404),
        },
      },
      patch: {
        operationId: "updateEvidenceSettings",
        tags: ["evidence"],
        summary:
          "Change the team's archiving settings (admins, session only); each field optional: linkCheckIntervalDays 1 to 365 or null for off (default 7); articleRecheckIntervalHours 1 to 720 or null for off (default), re-checks URL-imported articles against their sources, those imported within articleRecheckWindowDays (1 to 90, default 7); waybackSave also asks the Wayback Machine to save each cited page (default false)",
        requestBody: zodRequestBody(ZEvidenceSettingsInput),
        responses: {
          "200": zodResponse("The settings", ZEvidenceSettings),
          ...errorResponses(...WRITE_ERRORS),
        },
      },
    },
    "/api/v1/teams/{team}/annotations/search": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "searchCitableAnnotations",
        tags: ["evidence"],
        summary: "The team's annotations whose quote or note contains q, newest first (scope read)",
        parameters: zodQueryParameters(ZSearchCitableQuery, {
          q: "Text to find (case-insensitive)",
          exclude: "An annotation id to leave out (the one you are adding evidence to)",
          limit: "At most this many",
        }),
        responses: {
          "200": zodResponse("Matching annotations", z.object({ annotations: z.array(ZCitableAnnotation) })),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
  },
};
