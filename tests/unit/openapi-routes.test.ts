import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../lib/openapi/document.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const apiRoot = join(root, "app", "api", "v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return findRouteFiles(full);
    return entry === "route.ts" || entry === "route.tsx" ? [full] : [];
  });
}

/** `app/api/v1/teams/[team]/route.ts` -> `/api/v1/teams/{team}` */
function pathTemplate(file: string): string {
  const dir = relative(join(root, "app"), file).split(sep).slice(0, -1);
  return `/${dir.map((segment) => segment.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}")).join("/")}`;
}

function exportedMethods(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return METHODS.filter((method) =>
    new RegExp(
      `export\\s+(?:const\\s+${method}\\b|(?:async\\s+)?function\\s+${method}\\b|\\{[^}]*\\b${method}\\b[^}]*\\})`,
    ).test(source),
  );
}

const document = buildOpenApiDocument() as {
  openapi: string;
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  components: Record<string, Record<string, unknown>>;
};

describe("OpenAPI document", () => {
  const routes = findRouteFiles(apiRoot);

  it("finds the route files (the walk itself works)", () => {
    expect(routes.length).toBeGreaterThanOrEqual(12);
    expect(routes.map(pathTemplate)).toContain("/api/v1/teams/{team}/tokens/{id}");
  });

  for (const file of routes) {
    const template = pathTemplate(file);
    const methods = exportedMethods(file);
    it(`${relative(root, file)} exports at least one HTTP method`, () => {
      expect(methods.length).toBeGreaterThan(0);
    });
    for (const method of methods) {
      it(`documents ${method} ${template}`, () => {
        const operation = document.paths[template]?.[method.toLowerCase()];
        expect(operation, `${method} ${template} is missing from lib/openapi`).toBeDefined();
        expect(Object.keys(operation?.responses ?? {}).length).toBeGreaterThan(0);
      });
    }
  }

  it("documents no operation that has no route", () => {
    const implemented = new Set(
      routes.flatMap((file) =>
        exportedMethods(file).map((method) => `${method.toLowerCase()} ${pathTemplate(file)}`),
      ),
    );
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item).filter((key) => key !== "parameters")) {
        expect(implemented.has(`${method} ${path}`), `${method.toUpperCase()} ${path} has no route.ts`).toBe(
          true,
        );
      }
    }
  });

  it("is OpenAPI 3.1 with both security schemes and the Error schema", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.components.securitySchemes ?? {}).sort()).toEqual([
      "bearerToken",
      "sessionCookie",
    ]);
    expect(document.components.schemas?.Error).toBeDefined();
  });

  it("gives every operation a unique operationId", () => {
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.entries(item)
        .filter(([key]) => key !== "parameters")
        .map(([, operation]) => (operation as { operationId?: string }).operationId),
    );
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has every $ref resolvable", () => {
    const text = JSON.stringify(document);
    for (const [, kind, name] of text.matchAll(/"#\/components\/(\w+)\/(\w+)"/g)) {
      expect(document.components[kind!]?.[name!], `#/components/${kind}/${name}`).toBeDefined();
    }
  });

  it("has component schemas that compile as JSON Schema 2020-12", () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const schemas = document.components.schemas as Record<string, object>;
    ajv.addSchema({ $id: "doc", components: { schemas } });
    for (const name of Object.keys(schemas)) {
      expect(() => ajv.getSchema(`doc#/components/schemas/${name}`)).not.toThrow();
    }
    // Compiling every generated schema (zod's date-time and uuid patterns included) takes a few
    // seconds on a loaded machine.
  }, 30_000);

  it("refuses two modules defining the same operation", () => {
    const module = { paths: { "/x": { get: { responses: {} } } } };
    expect(() => buildOpenApiDocument([module, module])).toThrow(/defined twice/);
  });
});
