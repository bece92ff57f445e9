import { type ZodObject, type ZodType, z } from "zod";
import { jsonRequestBody, jsonResponse } from "./components.ts";
import type { JsonObject } from "./types.ts";

/**
 * The JSON Schema (draft 2020-12, as OpenAPI 3.1 uses) of a zod schema: `input` for what a
 * request may send (before defaults and transforms), `output` for what a response carries.
 * Refinements (e.g. "no NUL character") cannot be expressed and are left out; schemas named
 * with `.meta({ id })` come out as `$defs` that buildOpenApiDocument moves into
 * `#/components/schemas`.
 */
export function toJsonSchema(schema: ZodType, io: "input" | "output" = "output"): JsonObject {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonObject;
  return json;
}

/** A JSON request body validated by this zod schema. */
export function zodRequestBody(schema: ZodType): JsonObject {
  return jsonRequestBody(toJsonSchema(schema, "input"));
}

/** A JSON response whose body this zod schema describes. */
export function zodResponse(description: string, schema: ZodType): JsonObject {
  return jsonResponse(description, toJsonSchema(schema, "output"));
}

/**
 * The query parameters of a zod object schema, in its key order; the descriptions are route
 * metadata written by hand. A key without a description is documented without one.
 */
export function zodQueryParameters(
  schema: ZodObject,
  descriptions: Partial<Record<string, string>> = {},
): JsonObject[] {
  const json = toJsonSchema(schema, "input") as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
    schema: property,
  }));
}
