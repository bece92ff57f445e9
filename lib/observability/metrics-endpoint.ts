// GET /metrics: on the app's port only with `Authorization: Bearer $METRICS_TOKEN` (unset: not
// served, Next answers 404); on METRICS_PORT, a separate listener meant for a private network,
// open unless METRICS_TOKEN is set too.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { getMetrics, type ProofmarkMetrics } from "./metrics.ts";

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

async function writeMetrics(res: ServerResponse, metrics: ProofmarkMetrics): Promise<void> {
  const body = await metrics.registry.metrics();
  res.writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" });
  res.end(body);
}

function refuse(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(message);
}

function isMetricsPath(req: IncomingMessage): boolean {
  const path = (req.url ?? "/").split("?")[0];
  return path === "/metrics";
}

/**
 * Answers GET /metrics on the app's port when METRICS_TOKEN is set (401 without the right bearer
 * token, 405 for other methods). Returns false when the request is not for it, so the caller
 * passes it on (to Next, which answers 404 while no token is configured).
 * @throws nothing
 */
export function handleMetricsRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: { token: string | undefined; metrics?: ProofmarkMetrics },
): boolean {
  if (!options.token || !isMetricsPath(req)) return false;
  serveWithToken(req, res, options.token, options.metrics ?? getMetrics());
  return true;
}

function serveWithToken(
  req: IncomingMessage,
  res: ServerResponse,
  token: string | undefined,
  metrics: ProofmarkMetrics,
) {
  if (req.method !== "GET" && req.method !== "HEAD")
    return refuse(res, 405, "Method not allowed", { allow: "GET" });
  if (token) {
    const header = req.headers.authorization ?? "";
    const given = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    if (!given || !sameSecret(given, token)) {
      return refuse(res, 401, "Unauthorized", { "www-authenticate": 'Bearer realm="metrics"' });
    }
  }
  writeMetrics(res, metrics).catch(() => refuse(res, 500, "Metrics unavailable"));
}

/**
 * Starts the separate metrics listener on `port` (METRICS_PORT): /metrics only, other paths 404.
 * @throws Error when the port is taken
 */
export function startMetricsServer(options: {
  port: number;
  hostname: string;
  token: string | undefined;
  metrics?: ProofmarkMetrics;
}): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const metrics = options.metrics ?? getMetrics();
  const server = createServer((req, res) => {
    if (!isMetricsPath(req)) return refuse(res, 404, "Not found");
    serveWithToken(req, res, options.token, metrics);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => {
      server.off("error", reject);
      const address = server.address();
      resolve({
        server,
        port: typeof address === "object" && address ? address.port : options.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
