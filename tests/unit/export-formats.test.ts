import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { docToPlainText } from "../../lib/articles/plain-text.ts";
import { exportFilename } from "../../lib/export/export-download.ts";
import { EXPORT_JSON_SCHEMA, validateArticleExport } from "../../lib/export/export-schema.ts";
import {
  addJsonSchemaFormats,
  isAbsoluteUri,
  isDateTime,
  toRfc3986,
} from "../../lib/export/json-schema-formats.ts";
import { exactTextToDoc } from "../../lib/import/exact-text-doc.ts";

describe("schema formats", () => {
  it("date-time: RFC 3339 with a zone, real calendar dates only", () => {
    expect(isDateTime("2026-11-25T13:00:00.123Z")).toBe(true);
    expect(isDateTime("2026-11-25T13:00:00+05:30")).toBe(true);
    expect(isDateTime("2026-11-25T13:00:00")).toBe(false);
    expect(isDateTime("2026-02-30T13:00:00Z")).toBe(false);
    expect(isDateTime("yesterday")).toBe(false);
  });

  it("uri: absolute, no characters RFC 3986 forbids; toRfc3986 encodes them", () => {
    expect(isAbsoluteUri("https://example.org/a?b=c#d")).toBe(true);
    expect(isAbsoluteUri("urn:uuid:0f0f")).toBe(true);
    expect(isAbsoluteUri("/relative/path")).toBe(false);
    expect(isAbsoluteUri("https://example.org/a|b")).toBe(false);
    expect(toRfc3986("https://example.org/a|b^c d")).toBe("https://example.org/a%7Cb%5Ec%20d");
    expect(isAbsoluteUri(toRfc3986("https://example.org/{x}`y`"))).toBe(true);
  });
});

describe("committed export schema", () => {
  it("compiles in strict mode and refuses a wrong schemaVersion or an unknown key", () => {
    expect(() => addJsonSchemaFormats(new Ajv({ strict: true })).compile(EXPORT_JSON_SCHEMA)).not.toThrow();
    expect(validateArticleExport({ schemaVersion: 2 })).toMatch(/./);
    expect(validateArticleExport([])).toMatch(/must be object/);
  });
});

describe("exactTextToDoc", () => {
  it.each([
    "one",
    "a\n\nb",
    "a\n\n\nb",
    "a\n\n\n\n\nb",
    "  indented\nline  \n\n trailing  ",
    "\n\nleading blank",
    "emoji 👩🏽‍💼\n\nمرحبا\te\u0301\n",
  ])("reproduces %j exactly", (text) => {
    expect(docToPlainText(exactTextToDoc(text))).toBe(text);
  });
});

describe("exportFilename", () => {
  it("names team and article downloads by team, part and day", () => {
    const day = new Date("2026-11-25T23:59:00Z");
    expect(exportFilename("demo-desk", "ndjson", day)).toBe("proofmark-demo-desk-2026-11-25.ndjson");
    expect(exportFilename("demo-desk", "w3c", day, "article-1234abcd")).toBe(
      "proofmark-demo-desk-article-1234abcd-2026-11-25.jsonld",
    );
  });
});
