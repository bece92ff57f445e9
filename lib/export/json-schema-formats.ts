import type Ajv from "ajv";

// ajv-formats is not installed; these are the two formats the export schema and the W3C
// suite use, written to RFC 3339 (date-time) and RFC 3986 (absolute URI) closely enough to
// refuse what matters: missing offsets, impossible dates, relative or malformed URIs.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
const URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>"{}|\\^`]*$/;

/** Whether a string is an RFC 3339 date-time with a time zone. */
export function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, offsetHour, offsetMinute] = match.map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 60 &&
    (Number.isNaN(offsetHour) || offsetHour === undefined || offsetHour <= 23) &&
    (Number.isNaN(offsetMinute) || offsetMinute === undefined || offsetMinute <= 59)
  );
}

/** Whether a string is an absolute URI (scheme, then no spaces or characters RFC 3986 forbids). */
export function isAbsoluteUri(value: string): boolean {
  return URI.test(value);
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

/** Adds the `date-time` and `uri` formats to an ajv instance. */
export function addJsonSchemaFormats(ajv: Ajv): Ajv {
  ajv.addFormat("date-time", { type: "string", validate: isDateTime });
  ajv.addFormat("uri", { type: "string", validate: isAbsoluteUri });
  return ajv;
}
