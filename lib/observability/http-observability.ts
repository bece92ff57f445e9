// What server.ts does for every HTTP request before Next sees it: one request id (accepted from
// a safe X-Request-Id or generated, echoed in the response), one JSON log line when the
// response ends (pino-http), and the duration in the route-pattern histogram.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { getLogger } from "./logger.ts";
import { getMetrics, type ProofmarkMetrics, routeLabelOf } from "./metrics.ts";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-context.ts";

// Path segments after these are secrets (invite links) and never reach a log line.
const SECRET_AFTER = new Set(["invite", "invites"]);

/**
 * A request URL fit for a log: secret path segments (invite links) and every query value
 * replaced, parameter names kept (`/invite/[redacted]`, `/api/auth/callback/x?code=[redacted]`).
 * @throws nothing
 */
export function loggableUrl(url: string | undefined): string {
  const raw = url ?? "/";
  const queryAt = raw.indexOf("?");
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const segments = path.split("/");
  const safePath = segments
    .map((segment, i) => (i > 0 && SECRET_AFTER.has(segments[i - 1] ?? "") ? "[redacted]" : segment))
    .join("/");
  if (queryAt === -1) return safePath;
  const names = raw
    .slice(queryAt + 1)
    .split("&")
    .filter(Boolean)
    .map((pair) => `${pair.split("=")[0]}=[redacted]`);
  return `${safePath}?${names.join("&")}`;
}

export interface RequestObserverOptions {
  logger?: Logger;
  metrics?: ProofmarkMetrics;
}

/**
 * Returns the per-request hook: gives the request its id (also set as `x-request-id` on the
 * request, for Next's handlers, and on the response), logs it when it ends, times it.
 * @throws nothing
 */
export function createRequestObserver(options: RequestObserverOptions = {}) {
  const logger = options.logger ?? getLogger();
  const metrics = options.metrics ?? getMetrics();
  const httpLogger = pinoHttp({
    logger,
    genReqId: (req) => String(req.headers[REQUEST_ID_HEADER]),
    // Only what helps; never headers (cookies, authorization) or bodies.
    serializers: {
      req: (req: { id: string; method: string; url: string; raw?: IncomingMessage }) => ({
        method: req.method,
        url: loggableUrl(req.raw?.url ?? req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    wrapSerializers: false,
    customAttributeKeys: { reqId: "requestId" },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
    autoLogging: { ignore: (req) => (req.url ?? "").startsWith("/_next/static/") },
  });

  return (req: IncomingMessage, res: ServerResponse): string => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = process.hrtime.bigint();
    res.once("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpDuration.observe(
        {
          method: req.method ?? "GET",
          route: routeLabelOf(req.url ?? "/", res.statusCode),
          status: String(res.statusCode),
        },
        seconds,
      );
    });
    httpLogger(req, res);
    return requestId;
  };
}
