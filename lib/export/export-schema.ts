import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import exportSchema from "../../schemas/export.schema.json";
import type { ArticleExport } from "./export-types.ts";
import { addJsonSchemaFormats } from "./json-schema-formats.ts";

/** The committed JSON Schema of the `json` export format (schemas/export.schema.json). */
export const EXPORT_JSON_SCHEMA: Record<string, unknown> = exportSchema;

let compiled: ValidateFunction<ArticleExport> | undefined;

function validator(): ValidateFunction<ArticleExport> {
  compiled ??= addJsonSchemaFormats(new Ajv({ allErrors: false, strict: true })).compile<ArticleExport>(
    exportSchema,
  );
  return compiled;
}

/** Describes the first schema error, e.g. `/annotations/0/label: must be equal to one of the allowed values`. */
export function describeSchemaError(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return "does not match the export schema";
  return `${first.instancePath || "(root)"}: ${first.message ?? "is invalid"}`;
}

/** Validates one article export against the committed schema; null when valid, else the first error. */
export function validateArticleExport(value: unknown): string | null {
  const validate = validator();
  return validate(value) ? null : describeSchemaError(validate.errors);
}
