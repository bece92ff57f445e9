// Checks a response received by an integration test against the OpenAPI document the app
// serves (lib/openapi, generated from the zod schemas): its status must be documented for
// the operation, and its JSON body must match the documented schema. Every call made
// through tests/support/api.ts goes through here, so a serializer that drifts from its
// documented schema fails CI.
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { buildOpenApiDocument } from "../../lib/openapi/document.ts";

type Operation = { responses?: Record<string, { $ref?: string; content?: Record<string, unknown> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

const DOCUMENT_ID = "openapi";
const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

let cached: { document: Document; ajv: Ajv2020; routes: { template: string; pattern: RegExp }[] } | null =
  null;
const validators = new Map<string, ValidateFunction>();

function contract() {
  if (cached) return cached;
  const document = buildOpenApiDocument() as unknown as Document;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document as object, DOCUMENT_ID);
  const routes = Object.keys(document.paths)
    .map((template) => ({
      template,
      params: template.split("{").length - 1,
      pattern: new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }))
    // Fewer path parameters first: a literal segment wins over a parameter, as in Next.
    .sort((a, b) => a.params - b.params);
  cached = { document, ajv, routes };
  return cached;
}

/** A JSON pointer segment (RFC 6901). */
function pointerSegment(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** The documented operation of a request, or null when the document has none (e.g. /api/auth). */
export function findOperation(
  method: string,
  url: string,
): { template: string; method: string; operation: Operation } | null {
  const { document, routes } = contract();
  const path = new URL(url, "http://localhost").pathname;
  const lower = method.toLowerCase();
  if (!METHODS.has(lower)) return null;
  for (const { template, pattern } of routes) {
    if (!pattern.test(path)) continue;
    const operation = document.paths[template]?.[lower];
    return operation ? { template, method: lower, operation } : null;
  }
  return null;
}

/**
 * The problems of one response against the document: an empty list when it conforms, or when
 * the request is not a documented operation.
 */
export function contractProblems(
  method: string,
  url: string,
  status: number,
  contentType: string | null,
  bodyText: string,
): string[] {
  const found = findOperation(method, url);
  if (!found) return [];
  const { template, operation } = found;
  const where = `${found.method.toUpperCase()} ${template} -> ${status}`;
  let response = operation.responses?.[String(status)];
  let pointer = `${DOCUMENT_ID}#/paths/${pointerSegment(template)}/${found.method}/responses/${status}`;
  if (!response) return [`${where}: status not documented`];
  if (response.$ref) {
    const name = response.$ref.replace("#/components/responses/", "");
    pointer = `${DOCUMENT_ID}#/components/responses/${pointerSegment(name)}`;
    response = (contract().document as unknown as { components: { responses: Record<string, never> } })
      .components.responses[name];
  }
  if (!response?.content) return bodyText === "" ? [] : [`${where}: documented without a body, got one`];
  const mediaType = (contentType ?? "").split(";")[0]!.trim();
  if (!(mediaType in response.content)) return [`${where}: content type ${mediaType} not documented`];
  // Only JSON bodies are checked here; exports are checked against their own schema elsewhere.
  if (mediaType !== "application/json") return [];
  const schema = (response.content[mediaType] as { schema?: { $ref?: string } }).schema;
  if (schema?.$ref?.startsWith("/")) return [];
  const key = `${pointer}/content/${pointerSegment(mediaType)}/schema`;
  let validate = validators.get(key);
  if (!validate) {
    validate = contract().ajv.compile({ $ref: key });
    validators.set(key, validate);
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return [`${where}: the body is not JSON`];
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (error) => `${where}: ${error.instancePath || "body"} ${error.message} ${JSON.stringify(error.params)}`,
  );
}

/**
 * Throws when a response received by a test does not match the OpenAPI document.
 * @throws Error listing the mismatches
 */
export async function assertMatchesContract(request: Request, response: Response): Promise<void> {
  const disposition = response.headers.get("content-disposition") ?? "";
  // Downloads stream and have their own schema tests (export-api, export-stream).
  if (disposition.startsWith("attachment")) return;
  if (!findOperation(request.method, request.url)) return;
  const text = await response.clone().text();
  const problems = contractProblems(
    request.method,
    request.url,
    response.status,
    response.headers.get("content-type"),
    text,
  );
  if (problems.length > 0)
    throw new Error(`The response does not match the API contract (lib/openapi):\n${problems.join("\n")}`);
}
