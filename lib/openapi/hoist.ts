import type { JsonObject } from "./types.ts";

const DEFS_PREFIX = "#/$defs/";

/**
 * Moves the `$defs` that zod puts beside a converted schema into components.schemas and points
 * their `$ref`s there, so each named schema (`.meta({ id })`) is documented once.
 * @throws Error when one name is given to two different schemas (a programming error)
 */
export function hoistDefinitions(node: unknown, schemas: Record<string, JsonObject>): void {
  if (Array.isArray(node)) {
    for (const item of node) hoistDefinitions(item, schemas);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const object = node as JsonObject;
  const defs = object.$defs as Record<string, JsonObject> | undefined;
  if (defs) {
    delete object.$defs;
    for (const [name, schema] of Object.entries(defs)) {
      hoistDefinitions(schema, schemas);
      const existing = schemas[name];
      if (existing && JSON.stringify(existing) !== JSON.stringify(schema))
        throw new Error(`OpenAPI: schema ${name} is defined twice, differently`);
      schemas[name] = schema;
    }
  }
  if (typeof object.$ref === "string" && object.$ref.startsWith(DEFS_PREFIX))
    object.$ref = `#/components/schemas/${object.$ref.slice(DEFS_PREFIX.length)}`;
  for (const value of Object.values(object)) hoistDefinitions(value, schemas);
}
