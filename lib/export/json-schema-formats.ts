import type Ajv from "ajv";
import AjvClass from "ajv";
import addFormats from "ajv-formats";

// The `date-time` (RFC 3339, time zone required) and `uri` (absolute, RFC 3986) formats the
// export schema and the W3C suite use, from ajv-formats.
const FORMATS = ["date-time", "uri"] as const;

const checker = addFormats(new AjvClass(), [...FORMATS]);
const dateTime = checker.compile({ type: "string", format: "date-time" });
const absoluteUri = checker.compile({ type: "string", format: "uri" });

/** Whether a string is an RFC 3339 date-time with a time zone. */
export function isDateTime(value: string): boolean {
  return dateTime(value);
}

/** Whether a string is an absolute URI (RFC 3986). */
export function isAbsoluteUri(value: string): boolean {
  return absoluteUri(value);
}

/**
 * Percent-encodes the characters RFC 3986 forbids in a URI but browsers' URL parsing leaves in
 * place (`|`, `^`, `` ` ``, braces, backslash, quotes, angle brackets, spaces): the result means the
 * same resource and passes strict `uri` checks such as the W3C suite's.
 */
export function toRfc3986(url: string): string {
  return url.replace(
    /[\s"<>\\^`{|}]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** Adds the `date-time` and `uri` formats (ajv-formats) to an ajv instance. */
export function addJsonSchemaFormats(ajv: Ajv): Ajv {
  addFormats(ajv, [...FORMATS]);
  return ajv;
}
