/** The longest URL Proofmark stores, after normalisation. */
export const MAX_URL_LENGTH = 2048;

export type NormaliseUrlResult = { ok: true; url: string } | { ok: false; reason: string };

// C0 controls and space, DEL, C1 controls, and the invisible/bidi characters that let a URL
// look like something it is not (soft hyphen, zero-width, LRM/RLM, line/paragraph separators,
// embeddings/overrides, word joiner, isolates, BOM).
const FORBIDDEN_RANGES: readonly [number, number][] = [
  [0x00, 0x20],
  [0x7f, 0x9f],
  [0xad, 0xad],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x2069],
  [0xfeff, 0xfeff],
];

/** Whether the text holds a control, space or invisible character (see FORBIDDEN_RANGES). */
export function hasHiddenCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (FORBIDDEN_RANGES.some(([low, high]) => code >= low && code <= high)) return true;
  }
  return false;
}

/**
 * Validates and normalises a link a person typed as a source: only absolute http(s) URLs with a
 * host and no credentials; the scheme and host are lower-cased, an internationalised host becomes
 * punycode, a default port is dropped, the fragment is kept (a `#:~:text=` fragment points at the
 * quoted passage). Nothing is fetched. Pure; never throws.
 */
export function normaliseUrl(input: string): NormaliseUrlResult {
  if (typeof input !== "string") return { ok: false, reason: "must be a URL" };
  const value = input.trim();
  if (value.length === 0) return { ok: false, reason: "is required" };
  if (value.length > MAX_URL_LENGTH) {
    return { ok: false, reason: `must be at most ${MAX_URL_LENGTH} characters` };
  }
  // Checked before parsing: the URL parser silently drops tabs and newlines ("java\tscript:")
  // and a stored URL with hidden characters is a spoofing vector even when it parses.
  if (hasHiddenCharacter(value)) {
    return { ok: false, reason: "must not contain spaces, control or invisible characters" };
  }
  // An explicit scheme and "//": refuses protocol-relative "//host", "http:host" and "host/path".
  if (!/^https?:\/\/[^/\\]/i.test(value)) {
    return { ok: false, reason: "must be an http:// or https:// URL" };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: "must be a valid URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: "must be an http:// or https:// URL" };
  }
  if (url.username !== "" || url.password !== "") {
    return { ok: false, reason: "must not contain a user name or password" };
  }
  if (url.hostname.length === 0) return { ok: false, reason: "must have a host" };
  const href = url.href;
  if (href.length > MAX_URL_LENGTH) {
    return { ok: false, reason: `must be at most ${MAX_URL_LENGTH} characters` };
  }
  return { ok: true, url: href };
}

/** Whether a string is a URL that normaliseUrl accepts unchanged (for rendering stored links). */
export function isSafeHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  const result = normaliseUrl(value);
  return result.ok && result.url === value;
}

/**
 * The part of a normalised URL that identifies a source for grouping: the host without a
 * leading "www.", and the host plus path without query or fragment.
 * @throws TypeError when the URL does not parse (pass only normalised URLs)
 */
export function sourceKey(normalisedUrl: string): { host: string; page: string } {
  const url = new URL(normalisedUrl);
  const host = url.host.replace(/^www\./, "");
  const path = url.pathname.replace(/\/+$/, "");
  return { host, page: `${host}${path}` };
}
