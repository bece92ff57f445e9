/**
 * Decodes an HTML page's bytes to a string, honouring its charset the way a browser does
 * (simplified WHATWG order): a byte-order mark, then the Content-Type header's charset, then a
 * `<meta charset>` or `<meta http-equiv="content-type">` in the first 1024 bytes, else UTF-8.
 * Labels are the WHATWG ones TextDecoder knows (UTF-8, windows-1252, ISO-8859-x, KOI8-R, Shift_JIS…);
 * an unknown label falls back to UTF-8. As in browsers, `iso-8859-1` and `us-ascii` mean windows-1252.
 */
export function decodeHtml(
  bytes: Uint8Array,
  headerCharset: string | null,
): { text: string; encoding: string } {
  const bom = sniffBom(bytes);
  const label = bom ?? validLabel(headerCharset) ?? validLabel(sniffMetaCharset(bytes)) ?? "utf-8";
  const decoder = new TextDecoder(label);
  const text = decoder.decode(bytes);
  return {
    text: decoder.encoding === "windows-1252" ? fixWindows1252(text) : text,
    encoding: decoder.encoding,
  };
}

// windows-1252's 0x80–0x9F (curly quotes, dashes, €, …); undefined slots stay as they are.
const WINDOWS_1252_C1 =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

/**
 * Node's TextDecoder decodes "windows-1252" (and its aliases iso-8859-1, us-ascii) as Latin-1, so
 * bytes 0x80–0x9F come out as C1 control characters instead of ’ – € …; map them as the standard says.
 */
function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

function sniffBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return null;
}

function validLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    // A page cannot really be UTF-16 without a BOM (its meta tag was readable as ASCII).
    return encoding.startsWith("utf-16") ? "utf-8" : encoding;
  } catch {
    return null;
  }
}

/** The charset a `<meta>` in the first 1024 bytes declares, if any. */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)/i.exec(head);
  return direct?.[1] ?? null;
}
