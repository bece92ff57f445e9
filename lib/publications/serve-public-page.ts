// Public pages straight from server.ts, before Next: a published page is a cached, pre-compressed
// snapshot (public-page-cache.ts) read by the public at large, and Next's route pipeline would
// cost more than the page itself (it also drops a route handler's Content-Encoding, so every
// request would be compressed again). The route app/p/[publicId]/route.ts answers the same way
// for anything this does not take (other methods, a database error).
import type { IncomingMessage, ServerResponse } from "node:http";
import { configuredPublicOrigin } from "../export/export-download.ts";
import { publicPageHeaders, securityHeaderOptions, securityHeaders } from "../http/security-headers.mjs";
import { getPublicPage } from "./public-page-cache.ts";
import { publicPageResponse } from "./public-page-response.ts";

const PATH = /^\/p\/([^/?#]+)$/;

/** The page readers see at a public address that is not (or no longer) published. */
export const NOT_PUBLISHED_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found</title></head><body><main><h1>This page is not published</h1><p>It may have been unpublished, or the address is wrong.</p></main></body></html>`;

/** The security headers of a public page: every response's, with the public page's overrides. */
function pageSecurityHeaders(): Record<string, string> {
  const options = securityHeaderOptions(process.env);
  const headers: Record<string, string> = {};
  for (const { key, value } of [...securityHeaders(options), ...publicPageHeaders(options)]) {
    headers[key.toLowerCase()] = value;
  }
  return headers;
}

/** The public origin pages link to: NEXTAUTH_URL's, else the request's (as Next would see it). */
function baseOf(req: IncomingMessage): string {
  const configured = configuredPublicOrigin();
  if (configured) return configured;
  // Forwarded headers reach here only from a trusted proxy (server.ts prepareIncomingRequest).
  const proto = String(req.headers["x-forwarded-proto"] ?? "http")
    .split(",")[0]!
    .trim();
  return `${proto === "https" ? "https" : "http"}://${req.headers.host ?? "localhost"}`;
}

/**
 * Answers `GET`/`HEAD /p/{publicId}` and returns true; returns false, having written nothing, for
 * any other request, or when the page cannot be read (the database is down): Next's route then
 * answers it.
 * @throws nothing
 */
export async function servePublicPage(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "/";
  const match = PATH.exec(url.split("?")[0]!);
  if (!match) return false;
  const base = baseOf(req);
  let page: Awaited<ReturnType<typeof getPublicPage>>;
  try {
    page = await getPublicPage(decodeURIComponent(match[1]!), base);
  } catch {
    return false;
  }
  const headers = pageSecurityHeaders();
  let response: Response;
  if (!page) {
    response = new Response(NOT_PUBLISHED_HTML, {
      status: 404,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    });
  } else {
    const request = new Request(new URL(url, base), {
      headers: Object.entries(req.headers).flatMap(([name, value]) =>
        typeof value === "string" ? [[name, value] as [string, string]] : [],
      ),
    });
    response = publicPageResponse(request, page);
  }
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (body) headers["content-length"] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}
