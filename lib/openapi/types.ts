/** A JSON Schema / OpenAPI object; kept loose on purpose, the document is plain JSON. */
export type JsonObject = { [key: string]: unknown };

/** The operations of one path: `get`, `post`, `patch`, `delete`, ... each an OpenAPI Operation object. */
export type PathItem = Partial<Record<"get" | "post" | "put" | "patch" | "delete", JsonObject>> & {
  parameters?: JsonObject[];
};

/**
 * One area's part of the document (teams, tokens, articles...), merged by buildOpenApiDocument.
 * It holds route metadata only: request and response schemas come from zod (lib/openapi/zod.ts),
 * and named schemas reach components.schemas through their `.meta({ id })`, never by hand
 * (tests/unit/openapi-from-zod.test.ts).
 */
export interface OpenApiModule {
  tags?: { name: string; description: string }[];
  paths: Record<string, PathItem>;
}
