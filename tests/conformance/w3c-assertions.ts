// Runs the W3C Web Annotation test suite's assertions (tests/conformance/w3c-annotation-model,
// copied from the W3C web-platform-tests annotation-model collection) against our output.
// The suite's schemas are JSON Schema draft-04; ajv-draft-04 is not installed, so each schema is
// converted to draft-07 for ajv 8 with the draft-04 semantics kept: `id` becomes `$id`,
// boolean `exclusiveMinimum/Maximum` become numeric, and siblings of `$ref` are dropped (draft-04
// ignores them). Formats `uri` and `date-time` are checked by lib/export/json-schema-formats.ts.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { addJsonSchemaFormats } from "../../lib/export/json-schema-formats.ts";

export const SUITE_ROOT = fileURLToPath(new URL("./w3c-annotation-model/", import.meta.url));

type Json = Record<string, unknown>;

const SCHEMA_MAPS = ["properties", "patternProperties", "definitions", "dependencies"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf"];
const SCHEMA_SINGLES = ["not", "additionalProperties", "additionalItems"];
// Keywords of the suite's test language, not of JSON Schema.
const SUITE_KEYWORDS = [
  "assertionType",
  "expectedResult",
  "onUnexpectedResult",
  "errorMessage",
  "assertionFile",
];

/** Converts one draft-04 schema (and its subschemas) to draft-07 with draft-04 meaning. */
export function draft04ToDraft07(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(draft04ToDraft07);
  if (typeof schema !== "object" || schema === null) return schema;
  const source = schema as Json;
  if (typeof source.$ref === "string") return { $ref: source.$ref };
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === "$schema" || SUITE_KEYWORDS.includes(key)) continue;
    if (key === "id" && typeof value === "string") out.$id = value;
    else if (SCHEMA_MAPS.includes(key) && value && typeof value === "object" && !Array.isArray(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value as Json).map(([name, sub]) => [
          name,
          Array.isArray(sub) && key === "dependencies" ? sub : draft04ToDraft07(sub),
        ]),
      );
    } else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) out[key] = value.map(draft04ToDraft07);
    else if (SCHEMA_SINGLES.includes(key) && typeof value === "object") out[key] = draft04ToDraft07(value);
    else if (key === "items") out[key] = draft04ToDraft07(value);
    else out[key] = value;
  }
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (out[flag] === true && typeof out[bound] === "number") {
      out[flag] = out[bound];
      delete out[bound];
    } else if (typeof out[flag] === "boolean") delete out[flag];
  }
  return out;
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, "utf8")) as Json;
}

/** An ajv instance with every definitions/*.json of the suite registered under its `id`. */
export function suiteAjv(): Ajv {
  const ajv = addJsonSchemaFormats(new Ajv({ strict: false, allErrors: true }));
  const dir = join(SUITE_ROOT, "definitions");
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".json"))) {
    ajv.addSchema(draft04ToDraft07(readJson(join(dir, file))) as Json);
  }
  return ajv;
}

/** One assertion's outcome on one object. */
export interface AssertionResult {
  assertion: string;
  title: string;
  expected: "valid" | "invalid";
  assertionType: string;
  passed: boolean;
  message: string;
}

type Assertion = string | Json | Assertion[];

/**
 * Evaluates a test file's assertion list against `data`, honouring expectedResult,
 * assertionFile overrides, condition objects (compareWith and/or) and onUnexpectedResult
 * (…AndSkip stops the rest of the current list, …AndAbort the whole test).
 */
export class AssertionRunner {
  private readonly ajv = suiteAjv();
  private readonly compiled = new Map<string, ReturnType<Ajv["compile"]>>();

  private load(reference: string): Json {
    return readJson(join(SUITE_ROOT, reference.includes("/") ? reference : `annotations/${reference}`));
  }

  private validator(key: string, schema: Json) {
    let validate = this.compiled.get(key);
    if (!validate) {
      const converted = draft04ToDraft07(schema) as Json;
      // An assertion's own `$id` is relative; registering it once under its key keeps refs resolving.
      validate = this.ajv.getSchema(String(converted.$id ?? "")) ?? this.ajv.compile(converted);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private evaluateOne(assertion: string | Json, data: unknown): AssertionResult {
    let object: Json = typeof assertion === "string" ? this.load(assertion) : assertion;
    const name = typeof assertion === "string" ? assertion : String(object.title ?? "inline assertion");
    if (typeof object.assertionFile === "string") object = { ...this.load(object.assertionFile), ...object };
    const expected = object.expectedResult === "invalid" ? "invalid" : "valid";
    const title = String(object.title ?? name);
    const assertionType = String(object.assertionType ?? "must");
    let valid: boolean;
    let message = "";
    if (Array.isArray(object.assertions)) {
      const results = (object.assertions as Assertion[]).map((sub) =>
        this.evaluateOne(sub as string | Json, data),
      );
      valid = object.compareWith === "or" ? results.some((r) => r.passed) : results.every((r) => r.passed);
      message = results
        .filter((r) => !r.passed)
        .map((r) => r.message)
        .join("; ");
    } else {
      const validate = this.validator(
        typeof assertion === "string" ? assertion : JSON.stringify(object),
        object,
      );
      valid = validate(data) as boolean;
      message = valid ? "" : this.ajv.errorsText(validate.errors);
    }
    const passed = (expected === "valid") === valid;
    return {
      assertion: name,
      title,
      expected,
      assertionType,
      passed,
      message: passed ? "" : `${String(object.errorMessage ?? title)} (${message || `expected ${expected}`})`,
    };
  }

  /** Runs an assertion list; results in order, stopping as onUnexpectedResult says. */
  run(assertions: Assertion[], data: unknown): AssertionResult[] {
    const results: AssertionResult[] = [];
    const walk = (list: Assertion[]): "continue" | "abort" => {
      for (const entry of list) {
        if (Array.isArray(entry)) {
          if (walk(entry) === "abort") return "abort";
          continue;
        }
        const result = this.evaluateOne(entry, data);
        results.push(result);
        const object = typeof entry === "string" ? this.load(entry) : entry;
        const onUnexpected = String(object.onUnexpectedResult ?? "failAndContinue");
        if (!result.passed) {
          if (onUnexpected.endsWith("AndAbort")) return "abort";
          if (onUnexpected.endsWith("AndSkip")) return "continue";
        }
      }
      return "continue";
    };
    walk(assertions);
    return results;
  }

  /** Runs a `.test` file of the suite (path relative to the suite root). */
  runTestFile(testFile: string, data: unknown): AssertionResult[] {
    const test = readJson(join(SUITE_ROOT, testFile));
    return this.run(test.assertions as Assertion[], data);
  }
}

/** The MUST assertions of annotations/annotationMusts.test that `annotation` fails (empty when it conforms). */
export function failedAnnotationMusts(runner: AssertionRunner, annotation: unknown): AssertionResult[] {
  const results = runner.runTestFile("annotations/annotationMusts.test", annotation);
  if (results.length !== 14) throw new Error(`expected 14 assertions to run, ran ${results.length}`);
  return results.filter((result) => !result.passed);
}

const COLLECTION_CHECKS = ["annotationCollectionTypeValueFound", "firstValidIfPresent", "labelFound"];
const PAGE_CHECKS = ["annotationPageTypeValueFound", "startIndexFound", "itemsFound"];

/** The collections.json definitions (Section 5) that an AnnotationCollection or its embedded first page fails. */
export function failedCollectionChecks(ajv: Ajv, collection: Record<string, unknown>): string[] {
  const failed: string[] = [];
  const check = (names: string[], data: unknown) => {
    for (const name of names) {
      const validate = ajv.getSchema(`collections.json#/definitions/${name}`);
      if (!validate) throw new Error(`collections.json has no definition ${name}`);
      if (!validate(data)) failed.push(name);
    }
  };
  check(COLLECTION_CHECKS, collection);
  check(PAGE_CHECKS, collection.first);
  return failed;
}
