// Over 400 lines: one outbound client owns every rule (addresses, redirects, timeouts, size, types); split, a rule could be bypassed by calling the other half.
import "server-only";
import * as http from "node:http";
import * as https from "node:https";
import type { Socket } from "node:net";
import { pipeline } from "node:stream";
import * as zlib from "node:zlib";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { AppError } from "../errors.ts";
import { isAllowedHost, readAllowedHosts } from "./allowed-hosts.ts";

/** The User-Agent of every request Proofmark makes. */
export const FETCH_USER_AGENT = "Proofmark/0.1 (+https://github.com/proofmark; newsroom annotation fetcher)";

/** Defaults of the one outbound fetcher (docs/ARTICLES.md "The fetcher"). */
export const FETCH_DEFAULTS = {
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
} as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);

export interface FetchOptions {
  method?: "GET" | "POST" | "HEAD";
  headers?: Record<string, string>;
  /** A request body (POST); a string is sent as UTF-8. */
  body?: string | Uint8Array;
  /** Follow up to `maxRedirects` redirects (default); with `false` a redirect is `fetch_http_error`. */
  followRedirects?: boolean;
  maxRedirects?: number;
  /** Refuse a response body larger than this (default 5 MB; counted after decompression). */
  maxBytes?: number;
  /** MIME types (without parameters) accepted; default: any. */
  allowedContentTypes?: readonly string[];
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  /** `host:port` pairs exempt from the private-address rule; default: `FETCH_ALLOW_HOSTS`. */
  allowHosts?: readonly string[];
  /** Abort from outside (for example the caller's request went away). */
  signal?: AbortSignal;
  /**
   * Return non-2xx answers (and, with `followRedirects: false`, redirects) as results instead of
   * throwing `fetch_http_error`; their body is read like a 2xx's (webhook delivery logs).
   */
  returnErrorStatuses?: boolean;
  /** Keep the first `maxBytes` bytes of a longer body instead of failing with `fetch_too_large`. */
  truncateBody?: boolean;
}

export interface FetchResult {
  /** The upstream status (always 2xx unless `returnErrorStatuses`: other statuses are `fetch_http_error`). */
  status: number;
  /** Response headers, lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The URL the body came from, after redirects. */
  url: string;
  /** The MIME type without parameters, lower case ("" when the server sent none). */
  contentType: string;
  /** The `charset` parameter of Content-Type, lower case, if any. */
  charset: string | null;
  body: Buffer;
  /** The URLs visited, first to last (the last one is `url`). */
  redirects: string[];
}

const blockedAgents = {
  http: new RequestFilteringHttpAgent({ keepAlive: false }),
  https: new RequestFilteringHttpsAgent({ keepAlive: false }),
};
const exemptAgents = {
  http: new http.Agent({ keepAlive: false }),
  https: new https.Agent({ keepAlive: false }),
};

/** request-filtering-agent's refusal: "DNS lookup <ip>(...) is not allowed. Because, ...". */
function isBlockedAddressError(error: unknown): boolean {
  return error instanceof Error && /is not allowed\. Because/.test(error.message);
}

/**
 * Parses a URL the fetcher may be asked for: http or https, no credentials in it.
 * @throws AppError invalid_input | fetch_blocked_address
 */
export function parseFetchTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("invalid_input", "The URL is not valid");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError("fetch_blocked_address", "Only http and https URLs can be fetched");
  }
  if (url.username || url.password) {
    throw new AppError("invalid_input", "URLs with a user name or password are not fetched");
  }
  return url;
}

function parseContentType(value: string | undefined): { type: string; charset: string | null } {
  if (!value) return { type: "", charset: null };
  const [type = "", ...params] = value.split(";");
  let charset: string | null = null;
  for (const param of params) {
    const [name, ...rest] = param.split("=");
    if (name?.trim().toLowerCase() === "charset") {
      charset =
        rest
          .join("=")
          .trim()
          .replace(/^"(.*)"$/, "$1")
          .toLowerCase() || null;
    }
  }
  return { type: type.trim().toLowerCase(), charset };
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

interface HopResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  exempt: boolean;
  maxBytes: number;
  truncate: boolean;
  connectTimeoutMs: number;
  readBody: (status: number, headers: http.IncomingHttpHeaders) => boolean;
  signal: AbortSignal;
}

function fetchTimeout(): AppError {
  return new AppError("fetch_timeout", "The remote server took too long to answer");
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    "fetch_too_large",
    `The remote document is larger than ${Math.floor(maxBytes / 1024)} KB`,
    {
      maxBytes,
    },
  );
}

function decoderFor(encoding: string | undefined): NodeJS.ReadWriteStream | null {
  switch ((encoding ?? "").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** One request/response, no redirects; the address check happens in the agent at connect time. */
function requestOnce(hop: Hop): Promise<HopResult> {
  return new Promise<HopResult>((resolve, reject) => {
    const secure = hop.url.protocol === "https:";
    const agents = hop.exempt ? exemptAgents : blockedAgents;
    const hostname = hop.url.hostname.replace(/^\[(.*)\]$/, "$1");
    let settled = false;
    const finish = (error: unknown, result?: HopResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      hop.signal.removeEventListener("abort", onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(result as HopResult);
    };
    const req = (secure ? https : http).request({
      protocol: hop.url.protocol,
      hostname,
      port: hop.url.port || (secure ? 443 : 80),
      path: `${hop.url.pathname}${hop.url.search}`,
      method: hop.method,
      headers: hop.headers,
      agent: secure ? agents.https : agents.http,
      servername: secure ? hostname : undefined,
    });
    const connectTimer = setTimeout(() => finish(fetchTimeout()), hop.connectTimeoutMs);
    const onAbort = () => finish(hop.signal.reason instanceof AppError ? hop.signal.reason : fetchTimeout());
    hop.signal.addEventListener("abort", onAbort, { once: true });
    req.on("socket", (socket: Socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once("connect", () => clearTimeout(connectTimer));
    });
    req.on("error", (error) => {
      if (isBlockedAddressError(error)) {
        finish(
          new AppError(
            "fetch_blocked_address",
            "That address is not reachable from Proofmark (private or reserved network)",
          ),
        );
      } else if (error instanceof AppError) {
        finish(error);
      } else {
        const code = (error as NodeJS.ErrnoException).code;
        finish(
          new AppError(
            "fetch_failed",
            code === "ENOTFOUND" || code === "EAI_AGAIN"
              ? "The remote host name could not be resolved"
              : "The remote server could not be reached",
            code ? { reason: code } : undefined,
          ),
        );
      }
    });
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      let wanted: boolean;
      try {
        wanted = hop.readBody(status, res.headers);
      } catch (error) {
        res.resume();
        finish(error);
        return;
      }
      if (!wanted) {
        res.resume();
        finish(null, { status, headers: res.headers, body: Buffer.alloc(0) });
        return;
      }
      const declared = Number(res.headers["content-length"]);
      const encoding = res.headers["content-encoding"];
      if (!hop.truncate && !encoding && Number.isFinite(declared) && declared > hop.maxBytes) {
        finish(tooLarge(hop.maxBytes));
        return;
      }
      const decoder = decoderFor(encoding);
      const source: NodeJS.ReadableStream = decoder ?? res;
      if (decoder) pipeline(res, decoder, () => {});
      const chunks: Buffer[] = [];
      let received = 0;
      source.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > hop.maxBytes && hop.truncate) {
          chunks.push(chunk.subarray(0, chunk.length - (received - hop.maxBytes)));
          finish(null, { status, headers: res.headers, body: Buffer.concat(chunks) });
          res.destroy();
          return;
        }
        if (received > hop.maxBytes) {
          finish(tooLarge(hop.maxBytes));
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      source.on("end", () => finish(null, { status, headers: res.headers, body: Buffer.concat(chunks) }));
      source.on("error", () =>
        finish(
          new AppError("fetch_failed", "The remote server sent a broken response", { reason: "bad_body" }),
        ),
      );
      res.on("aborted", () =>
        finish(
          new AppError("fetch_failed", "The remote server closed the connection", { reason: "aborted" }),
        ),
      );
    });
    if (hop.body) req.end(hop.body);
    else req.end();
  });
}

function toResult(result: HopResult, url: URL, visited: string[]): FetchResult {
  const { type, charset } = parseContentType(result.headers["content-type"]);
  return {
    status: result.status,
    headers: flattenHeaders(result.headers),
    url: url.href,
    contentType: type,
    charset,
    body: result.body,
    redirects: visited,
  };
}

/**
 * The one outbound HTTP client (DESIGN.md "One outbound fetcher"): http/https only; loopback,
 * private, link-local, CGNAT, unspecified, multicast, unique-local and IPv4-mapped addresses are
 * refused on the address actually connected to (request-filtering-agent checks the resolved
 * address inside the connection), again on every redirect; connect and total timeouts; a size
 * cap counted on the decoded body; optional allowed content types. `FETCH_ALLOW_HOSTS` (or
 * `allowHosts`) exempts named `host:port` pairs from the address rule.
 * @throws AppError invalid_input (not a URL) | fetch_blocked_address | fetch_timeout |
 *   fetch_too_large | fetch_unsupported_type | fetch_http_error (details.upstreamStatus) |
 *   fetch_failed (DNS, refused connection, broken response)
 */
export async function fetchUrl(target: string, options: FetchOptions = {}): Promise<FetchResult> {
  const allowHosts = options.allowHosts ?? readAllowedHosts();
  const maxBytes = options.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects =
    options.followRedirects === false ? 0 : (options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects);
  const allowed = options.allowedContentTypes?.map((t) => t.toLowerCase());
  const total = new AbortController();
  const totalTimer = setTimeout(
    () => total.abort(fetchTimeout()),
    options.totalTimeoutMs ?? FETCH_DEFAULTS.totalTimeoutMs,
  );
  const onOuterAbort = () => total.abort(fetchTimeout());
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });

  let url = parseFetchTarget(target);
  let method = options.method ?? "GET";
  let body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers: Record<string, string> = {
    "user-agent": FETCH_USER_AGENT,
    accept: allowed?.length ? `${allowed.join(", ")};q=1, */*;q=0.1` : "*/*",
    "accept-encoding": "gzip, deflate, br",
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const visited: string[] = [];
  try {
    for (let redirects = 0; ; redirects++) {
      visited.push(url.href);
      const hopHeaders = { ...headers };
      if (body) hopHeaders["content-length"] = String(body.length);
      const result = await requestOnce({
        url,
        method,
        headers: hopHeaders,
        body,
        exempt: isAllowedHost(url, allowHosts),
        maxBytes,
        truncate: options.truncateBody === true,
        connectTimeoutMs: options.connectTimeoutMs ?? FETCH_DEFAULTS.connectTimeoutMs,
        signal: total.signal,
        readBody: (status, responseHeaders) => {
          if (((status < 200 || status > 299) && !options.returnErrorStatuses) || method === "HEAD")
            return false;
          const { type } = parseContentType(responseHeaders["content-type"]);
          if (allowed?.length && !allowed.includes(type)) {
            throw new AppError(
              "fetch_unsupported_type",
              `The remote document's type (${type || "none"}) is not accepted`,
              {
                contentType: type,
              },
            );
          }
          return true;
        },
      });
      const location = result.headers.location;
      if (REDIRECT_STATUSES.has(result.status) && location) {
        if (options.followRedirects === false && options.returnErrorStatuses)
          return toResult(result, url, visited);
        if (options.followRedirects === false) {
          throw new AppError(
            "fetch_http_error",
            `The remote server answered with a redirect (${result.status})`,
            {
              upstreamStatus: result.status,
            },
          );
        }
        if (redirects >= maxRedirects) {
          throw new AppError("fetch_http_error", `Too many redirects (more than ${maxRedirects})`, {
            upstreamStatus: result.status,
          });
        }
        const next = parseFetchTarget(new URL(location, url).href);
        if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
        if (
          result.status === 303 ||
          ((result.status === 301 || result.status === 302) && method === "POST")
        ) {
          method = "GET";
          body = undefined;
          delete headers["content-type"];
        }
        url = next;
        continue;
      }
      if ((result.status < 200 || result.status > 299) && !options.returnErrorStatuses) {
        throw new AppError("fetch_http_error", `The remote server answered ${result.status}`, {
          upstreamStatus: result.status,
        });
      }
      return toResult(result, url, visited);
    }
  } finally {
    clearTimeout(totalTimer);
    options.signal?.removeEventListener("abort", onOuterAbort);
  }
}
