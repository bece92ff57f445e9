import { baseDocument } from "./base.ts";
import { hoistDefinitions } from "./hoist.ts";
import { annotationPaths } from "./paths/annotations.ts";
import { articlePaths } from "./paths/articles.ts";
import { evidencePaths } from "./paths/evidence.ts";
import { exportPaths } from "./paths/export.ts";
import { importPaths } from "./paths/import.ts";
import { invitePaths } from "./paths/invites.ts";
import { moderationPaths } from "./paths/moderation.ts";
import { reopenPaths } from "./paths/reopen.ts";
import { roundPaths } from "./paths/rounds.ts";
import { systemPaths } from "./paths/system.ts";
import { teamPaths } from "./paths/teams.ts";
import { tokenPaths } from "./paths/tokens.ts";
import { verdictPaths } from "./paths/verdicts.ts";
import { webhookPaths } from "./paths/webhooks.ts";
import type { JsonObject, OpenApiModule } from "./types.ts";

/**
 * Every area's part of the document. A new area adds its file under lib/openapi/paths/ and
 * lists it here; tests/unit/openapi-routes.test.ts fails for any route.ts left undocumented.
 */
export const OPENAPI_MODULES: readonly OpenApiModule[] = [
  systemPaths,
  teamPaths,
  invitePaths,
  tokenPaths,
  articlePaths,
  annotationPaths,
  evidencePaths,
  moderationPaths,
  exportPaths,
  reopenPaths,
  importPaths,
  webhookPaths,
  verdictPaths,
  roundPaths,
];

/**
 * Builds the OpenAPI 3.1 document served at /api/v1/openapi.json.
 * @throws Error when two modules define the same operation, or one name is given to two different
 *   schemas (a programming error)
 */
export function buildOpenApiDocument(modules: readonly OpenApiModule[] = OPENAPI_MODULES): JsonObject {
  const document = baseDocument();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const module of modules) {
    document.tags.push(...(module.tags ?? []));
    for (const [path, item] of Object.entries(module.paths)) {
      const merged = paths[path] ?? {};
      paths[path] = merged;
      for (const [key, value] of Object.entries(item)) {
        if (key in merged && key !== "parameters")
          throw new Error(`OpenAPI: ${key.toUpperCase()} ${path} is defined twice`);
        merged[key] = structuredClone(value);
      }
    }
  }
  document.paths = paths;
  addServerErrorResponses(paths);
  hoistDefinitions(document, document.components.schemas);
  return document;
}

/**
 * Any operation can answer 500 (an unexpected error), and every one that authenticates reads the
 * database, so it can answer 503 while that is unreachable (lib/api/route.ts errorResponse):
 * documented once here, not in each module.
 */
function addServerErrorResponses(paths: Record<string, Record<string, unknown>>): void {
  for (const item of Object.values(paths)) {
    for (const [key, operation] of Object.entries(item)) {
      if (key === "parameters") continue;
      const { security, responses } = operation as {
        security?: unknown[];
        responses?: Record<string, unknown>;
      };
      if (!responses) continue;
      responses["500"] ??= { $ref: "#/components/responses/E500" };
      if (Array.isArray(security) && security.length === 0) continue;
      responses["503"] ??= { $ref: "#/components/responses/E503" };
    }
  }
}
