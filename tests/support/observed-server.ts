// A plain HTTP server with what server.ts puts in front of Next (request id, request log,
// metrics, /metrics), dispatching to real route handlers: the observability layer tested
// without a production build. Log lines go to `lines`, not to the console.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createRequestObserver } from "../../lib/observability/http-observability.ts";
import { createLogger } from "../../lib/observability/logger.ts";
import { createMetrics, type ProofmarkMetrics } from "../../lib/observability/metrics.ts";
import { handleMetricsRequest } from "../../lib/observability/metrics-endpoint.ts";
import { runWithRequestId } from "../../lib/observability/request-context.ts";
import type { RouteHandler } from "./api.ts";

export interface ObservedRoute {
  pattern: RegExp;
  method: string;
  handler: RouteHandler;
  /** Names of `pattern`'s capture groups, in order, passed as params. */
  params?: string[];
}

export interface ObservedServer {
  url: string;
  lines: string[];
  metrics: ProofmarkMetrics;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", base), {
    method: req.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}

/** Starts the server on a free loopback port. */
export async function startObservedServer(
  routes: ObservedRoute[],
  options: { metricsToken?: string } = {},
): Promise<ObservedServer> {
  const lines: string[] = [];
  const logger = createLogger({
    format: "json",
    level: "info",
    destination: { write: (line) => lines.push(line) },
  });
  const metrics = createMetrics();
  const observe = createRequestObserver({ logger, metrics });
  let base = "";
  const server: Server = createServer((req, res) => {
    const requestId = observe(req, res);
    if (handleMetricsRequest(req, res, { token: options.metricsToken, metrics })) return;
    const path = new URL(req.url ?? "/", "http://x").pathname;
    for (const route of routes) {
      const match = route.method === req.method ? route.pattern.exec(path) : null;
      if (!match) continue;
      const params = Object.fromEntries((route.params ?? []).map((name, i) => [name, match[i + 1] ?? ""]));
      void runWithRequestId(requestId, async () => {
        const response = await route.handler(await toRequest(req, base), { params: Promise.resolve(params) });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("Not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    url: base,
    lines,
    metrics,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
