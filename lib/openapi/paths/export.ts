import { z } from "zod";
import {
  ZArticleExportDocument,
  ZArticleExportQuery,
  ZImportBody,
  ZTeamExportQuery,
} from "../../validation/export.ts";
import { ZJsonDocument } from "../../validation/responses/common.ts";
import { ZImportResult, ZW3cCollection } from "../../validation/responses/exports.ts";
import { errorResponses, TEAM_PARAMETER, uuidParameter, WRITE_ERRORS } from "../components.ts";
import type { OpenApiModule } from "../types.ts";
import { toJsonSchema, zodQueryParameters, zodRequestBody, zodResponse } from "../zod.ts";

const EXPORT_SCHEMA = toJsonSchema(ZArticleExportDocument);
const W3C_COLLECTION = toJsonSchema(ZW3cCollection);

const FILTERS = {
  status:
    "Only this status. Pending and rejected annotations are exported only to moderators and admins (tokens: scopes export and review); asking for them otherwise is 403",
  label: "Only this label",
  since: "Only annotations updated at or after this ISO 8601 date or date-time",
};

const DOWNLOAD_HEADERS = {
  "Content-Disposition": {
    description: 'attachment; filename="proofmark-<team>[-article-<id>]-<yyyy-mm-dd>.<json|ndjson|jsonld>"',
    schema: toJsonSchema(z.string()),
  },
  "X-Export-Articles": {
    description: "How many articles the export holds",
    schema: toJsonSchema(z.number().int().min(0)),
  },
};

/** Export (json, ndjson, W3C JSON-LD), the export JSON Schema, and import of a json export. */
export const exportPaths: OpenApiModule = {
  tags: [{ name: "export", description: "Download annotated articles; import an export into another team" }],
  paths: {
    "/api/v1/articles/{id}/export": {
      parameters: [uuidParameter("id", "The article's id")],
      get: {
        operationId: "exportArticle",
        tags: ["export"],
        summary: "One article with its annotations (team members; scope export)",
        parameters: zodQueryParameters(ZArticleExportQuery, {
          format:
            "json (default; offsets in UTF-16 code units), w3c, or claimreview (a JSON-LD array of schema.org ClaimReview, one per approved fact with a verdict)",
          ...FILTERS,
        }),
        responses: {
          "200": {
            description: "The export, as an attachment",
            headers: DOWNLOAD_HEADERS,
            content: {
              "application/json": { schema: EXPORT_SCHEMA },
              "application/ld+json": { schema: W3C_COLLECTION },
            },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    "/api/v1/teams/{team}/export": {
      parameters: [TEAM_PARAMETER],
      get: {
        operationId: "exportTeam",
        tags: ["export"],
        summary:
          "Every article of the team with its annotations, streamed from the database in batches (team members; scope export)",
        parameters: zodQueryParameters(ZTeamExportQuery, {
          format:
            "json: one array of article exports; ndjson: one article export per line; w3c: one AnnotationCollection; claimreview: one schema.org ClaimReview per line (NDJSON), one per approved fact with a verdict",
          ...FILTERS,
        }),
        responses: {
          "200": {
            description:
              "The export, streamed as an attachment. With a status, label or since filter, articles without a matching annotation are left out",
            headers: DOWNLOAD_HEADERS,
            content: {
              "application/json": { schema: toJsonSchema(z.array(ZArticleExportDocument)) },
              "application/x-ndjson": { schema: EXPORT_SCHEMA },
              "application/ld+json": { schema: W3C_COLLECTION },
            },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    "/api/v1/teams/{team}/import": {
      parameters: [TEAM_PARAMETER],
      post: {
        operationId: "importTeamExport",
        tags: ["export"],
        summary:
          "Recreate the articles, annotations, evidence, reviews and replies of a json export in this team, with new ids (admins; scope annotate; body up to 50 MB)",
        requestBody: zodRequestBody(ZImportBody),
        responses: {
          "201": zodResponse("What was created, and the evidence that could not be", ZImportResult),
          ...errorResponses(...WRITE_ERRORS),
        },
      },
    },
    "/api/v1/schema/export.json": {
      get: {
        operationId: "getExportSchema",
        tags: ["export"],
        summary: "The JSON Schema (draft-07) of the json export format. Needs no credentials",
        security: [],
        responses: {
          "200": {
            description: "The schema",
            content: { "application/schema+json": { schema: toJsonSchema(ZJsonDocument) } },
          },
        },
      },
    },
  },
};
