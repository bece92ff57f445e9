// Issue 22: the API contract comes from the validators. The paths modules hold route metadata
// only; every schema in the document is generated from zod, so the documentation cannot drift
// from what is validated and sent again (verdicts and webhooks were once written by hand).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "../../lib/openapi/document.ts";

const pathsDir = fileURLToPath(new URL("../../lib/openapi/paths/", import.meta.url));

// JSON Schema written as an object literal: a schema keyword as a key, with a value that is a
// schema's (not a sentence: zodQueryParameters' descriptions are keyed by parameter names, and a
// parameter may be called `format`). `required: true/false` is a parameter's own field (OpenAPI).
const KEY = String.raw`(?:^|[\s{,])`;
const HAND_WRITTEN_SCHEMA = [
  new RegExp(String.raw`${KEY}type\s*:\s*(?:\[|"(?:object|array|string|integer|number|boolean|null)")`),
  new RegExp(
    String.raw`${KEY}(?:properties|additionalProperties|items|oneOf|anyOf|allOf|\$defs|schemas)\s*:\s*[[{\w$]`,
  ),
  new RegExp(String.raw`${KEY}(?:\$ref|"\$ref")\s*:`),
  new RegExp(String.raw`${KEY}(?:required|enum)\s*:\s*\[`),
  new RegExp(
    String.raw`${KEY}(?:format|pattern|const|minimum|maximum|minLength|maxLength|minItems|maxItems)\s*:\s*(?:-?\d|"[^"\s]*"(?:\s*[,}]|$))`,
  ),
];

/** The lines of a paths module's source that write JSON Schema by hand, as `line: text`. */
function handWrittenSchemaLines(source: string): string[] {
  return source
    .split("\n")
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => !/^\s*(?:\/\/|\/\*|\*)/.test(line))
    .filter(({ line }) => HAND_WRITTEN_SCHEMA.some((pattern) => pattern.test(line)))
    .map(({ line, number }) => `${number}: ${line.trim()}`);
}

type Schemas = Record<string, unknown>;

/** The named schemas zod generates from its registry (every `.meta({ id })`), as the document refers to them. */
function registrySchemas(): Schemas {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: "draft-2020-12",
    io: "output",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Record<string, unknown>> };
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, schema]),
  );
}

/** The component schemas that are not exactly what zod generates under their name. */
function componentsNotFromZod(components: Schemas, fromZod: Schemas): string[] {
  return Object.entries(components)
    .filter(([name, schema]) => !(name in fromZod) || !isDeepStrictEqual(fromZod[name], schema))
    .map(([name]) => name);
}

describe("the OpenAPI document is generated from zod (issue 22)", () => {
  const modules = readdirSync(pathsDir).filter((file) => file.endsWith(".ts"));

  it("finds the paths modules", () => {
    expect(modules).toEqual(expect.arrayContaining(["annotations.ts", "verdicts.ts", "webhooks.ts"]));
  });

  for (const file of modules) {
    it(`lib/openapi/paths/${file} writes no JSON Schema by hand (use lib/openapi/zod.ts)`, () => {
      expect(handWrittenSchemaLines(readFileSync(join(pathsDir, file), "utf8"))).toEqual([]);
    });
  }

  it("the source scan finds a hand-written schema, and leaves route metadata alone", () => {
    const handWritten = [
      "  schemas: {",
      '    Rating: { type: "object", required: ["id"], properties: { id: uuid } },',
      '        parameters: [queryParameter("limit", "Page size", { type: "integer", maximum: 100 })],',
      '          "application/json": { schema: { oneOf: [A, B] } },',
      '          "200": jsonResponse("Queued", { $ref: "#/components/schemas/Queued" }),',
      '          schema: { format: "uuid" },',
      "          limit: { maximum: 100 },",
      "        items: EXPORT_SCHEMA,",
    ];
    expect(handWrittenSchemaLines(handWritten.join("\n"))).toHaveLength(handWritten.length);
    const metadata = [
      '        summary: "Only this type: the format of the export",',
      '        operationId: "listEvents",',
      '        "200": zodResponse("A page of events", ZEventPage),',
      "        parameters: zodQueryParameters(ZQuery).map((p) => ({ ...p, required: false })),",
      "        security: [{ sessionCookie: [] }],",
      '          format: "json (default), w3c or claimreview",',
      "          format:",
      '          type: "Only this type",',
      '    // a comment may say type: "object"',
    ];
    expect(handWrittenSchemaLines(metadata.join("\n"))).toEqual([]);
  });

  it("has every component schema exactly as zod generates it from the schema registered under that name", () => {
    const document = buildOpenApiDocument() as { components: { schemas: Schemas } };
    const components = document.components.schemas;
    expect(Object.keys(components)).toEqual(
      expect.arrayContaining(["Error", "Annotation", "Verdict", "Webhook", "Event", "SourceRefresh"]),
    );
    expect(componentsNotFromZod(components, registrySchemas())).toEqual([]);
  });

  it("the component check names a schema edited by hand or added without zod", () => {
    const document = buildOpenApiDocument() as { components: { schemas: Schemas } };
    const components = structuredClone(document.components.schemas) as Record<
      string,
      Record<string, unknown>
    >;
    components.Verdict = { ...components.Verdict, description: "edited by hand" };
    components.Queued = { type: "object", properties: { deliveryId: { type: "string" } } };
    expect(componentsNotFromZod(components, registrySchemas()).sort()).toEqual(["Queued", "Verdict"]);
  });
});
