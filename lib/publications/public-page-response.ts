import type { ContentCoding, PublicPage } from "./public-page-cache.ts";

/** The codings a client accepts (RFC 9110 Accept-Encoding; `q=0` refuses), best first: br, gzip. */
export function preferredCoding(acceptEncoding: string | null): ContentCoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (coding: string) => accepted.get(coding) ?? accepted.get("*") ?? 0;
  if (weight("br") > 0 && weight("br") >= weight("gzip")) return "br";
  if (weight("gzip") > 0) return "gzip";
  return "identity";
}

/**
 * The HTTP response for a public page: in the best coding the client accepts (pre-compressed,
 * see public-page-cache.ts), `Vary: Accept-Encoding`, a strong ETag per coding, revalidated on
 * every request (`no-cache`), and 304 when the client already has it.
 * @throws nothing
 */
export function publicPageResponse(req: Request, page: PublicPage): Response {
  const coding = preferredCoding(req.headers.get("accept-encoding"));
  const etag = coding === "identity" ? page.etag : `${page.etag.slice(0, -1)}-${coding}"`;
  const headers: Record<string, string> = {
    "content-type": "text/html; charset=utf-8",
    // Revalidated on every request (an unpublished page must disappear at once), cheaply by ETag.
    "cache-control": "no-cache",
    vary: "Accept-Encoding",
    etag,
  };
  const known = (req.headers.get("if-none-match") ?? "").split(",").map((tag) => tag.trim());
  if (known.includes(etag) || known.includes("*")) return new Response(null, { status: 304, headers });
  if (coding !== "identity") headers["content-encoding"] = coding;
  return new Response(new Uint8Array(page.encoded(coding)), { status: 200, headers });
}
