// The one HTTP server of a Proofmark instance: Next.js pages and routes, and the Hocuspocus
// websocket endpoint /collab on the same port, so the browser's session cookie authenticates
// the websocket too. `tsx server.ts` starts it on PORT; scripts/start.ts calls
// startProofmarkServer() after preparing the database.
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
import next from "next";
import { createAnnotationCommandsExtension } from "./lib/collab/annotation-commands.ts";
import { createAnnotationStateExtension } from "./lib/collab/annotation-state.ts";
import { createBodyPersistenceExtension } from "./lib/collab/body-persistence.ts";
import { registerCollabInstance } from "./lib/collab/instance.ts";
import { createRedisExtension } from "./lib/collab/redis.ts";
import { type CollabServerOptions, closeCollabServer, createCollabServer } from "./lib/collab/server.ts";
import { attachCollab, refuseUpgrade } from "./lib/collab/upgrade.ts";
import {
  ARTICLE_RECHECK_QUEUE,
  LINK_CHECK_QUEUE,
  SNAPSHOT_QUEUE,
} from "./lib/evidence/snapshots/snapshot-jobs.ts";
import { startEvidenceArchiving } from "./lib/evidence/snapshots/start-evidence-archiving.ts";
import {
  CLIENT_IP_HEADER,
  clientAddressOf,
  parseTrustProxy,
  prepareIncomingRequest,
} from "./lib/http/client-address.ts";
import { configureKeepAlive } from "./lib/http/keep-alive.ts";
import { getJobQueue, startJobQueue, stopJobQueue } from "./lib/jobs/job-queue.ts";
import { databaseRecentlyUnavailable } from "./lib/observability/database-outage.ts";
import { createRequestObserver } from "./lib/observability/http-observability.ts";
import { getLogger } from "./lib/observability/logger.ts";
import { registerCollabMetrics, registerQueueDepthSource } from "./lib/observability/metrics.ts";
import { handleMetricsRequest, startMetricsServer } from "./lib/observability/metrics-endpoint.ts";
import { runWithRequestId } from "./lib/observability/request-context.ts";
import { stopPublicPageListener } from "./lib/publications/public-page-cache.ts";
import { servePublicPage } from "./lib/publications/serve-public-page.ts";
import { configureHeapGrowth } from "./lib/runtime/configure-heap-growth.ts";
import { DELIVERY_QUEUE } from "./lib/webhooks/delivery-jobs.ts";
import { startWebhookDelivery } from "./lib/webhooks/start-webhook-delivery.ts";

export { CLIENT_IP_HEADER, clientAddressOf };

export interface ProofmarkServerOptions {
  /** 0 picks a free port. */
  port: number;
  hostname?: string;
  dev: boolean;
  /** Largest websocket message on /collab in bytes (default 1 MB, or COLLAB_MAX_PAYLOAD_BYTES). */
  collabMaxPayload?: number;
  /** Hocuspocus settings; `extensions` replaces the default (body persistence, Redis when REDIS_URL is set). */
  collab?: CollabServerOptions;
  /** Bearer token for GET /metrics (default METRICS_TOKEN; unset: /metrics is not served). */
  metricsToken?: string;
  /** Also serve /metrics on this port (default METRICS_PORT; 0 picks a free one). */
  metricsPort?: number;
  /** Trusted reverse-proxy hops (default: TRUST_PROXY; lib/http/client-address.ts). */
  trustProxyHops?: number;
  /** Run the job queue (webhook deliveries, the events relay) in this instance; default true, JOBS=off disables. */
  jobs?: boolean;
}

export interface ProofmarkServer {
  url: string;
  port: number;
  /** The separate metrics listener's port, when one runs. */
  metricsPort?: number;
  close(): Promise<void>;
}

function publicUrl(hostname: string, port: number): string {
  const host = hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

function listen(httpServer: Server, port: number, hostname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, hostname, () => {
      httpServer.off("error", reject);
      const address = httpServer.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

// A page that failed because the database is down answers 503 with Retry-After (its body is
// app/error.tsx, which says so and offers a retry), not 500. API routes map it themselves.
function answerOutageWith503(req: IncomingMessage, res: ServerResponse): void {
  if (req.url?.startsWith("/api/") || req.url?.startsWith("/_next/")) return;
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (status === 500 && databaseRecentlyUnavailable()) {
      this.setHeader("retry-after", "5");
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, 503, ...rest);
    }
    return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as typeof res.writeHead;
}

function closeHttpServer(httpServer: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!httpServer.listening) return resolve();
    httpServer.close(() => resolve());
    httpServer.closeIdleConnections();
    // Requests still running after a grace period are cut off.
    setTimeout(() => httpServer.closeAllConnections(), 5000).unref();
  });
}

/**
 * Starts Next.js and the /collab websocket endpoint on one HTTP server.
 * @throws Error when the port is taken or Next cannot prepare (e.g. no production build)
 */
export async function startProofmarkServer({
  port,
  hostname = "0.0.0.0",
  dev,
  collabMaxPayload = Number(process.env.COLLAB_MAX_PAYLOAD_BYTES) || undefined,
  collab,
  metricsToken = process.env.METRICS_TOKEN || undefined,
  metricsPort = process.env.METRICS_PORT ? Number(process.env.METRICS_PORT) : undefined,
  trustProxyHops = parseTrustProxy(),
  jobs = process.env.JOBS !== "off",
}: ProofmarkServerOptions): Promise<ProofmarkServer> {
  // Bounds how much garbage the heap holds before a full collection (streamed exports).
  configureHeapGrowth();
  let handleWithNext: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  const logger = getLogger();
  // Request id (echoed as x-request-id and in error bodies), the request log line, its duration.
  const observeRequest = createRequestObserver({ logger });

  const httpServer = createServer((req, res) => {
    // The caller's address for the app; without a trusted proxy, no forwarded header reaches Next.
    prepareIncomingRequest(req, trustProxyHops);
    const requestId = observeRequest(req, res);
    if (handleMetricsRequest(req, res, { token: metricsToken })) return;
    if (!handleWithNext) {
      res.writeHead(503, { "content-type": "text/plain", "retry-after": "1" });
      res.end("Starting up");
      return;
    }
    const handle = handleWithNext;
    answerOutageWith503(req, res);
    // Route handlers and use cases (audit events) read the id from this context. Published pages
    // are answered before Next (lib/publications/serve-public-page.ts); the rest goes to Next.
    runWithRequestId(requestId, async () => {
      if (!(await servePublicPage(req, res))) await handle(req, res);
    }).catch((error: unknown) => {
      logger.error({ err: error, requestId }, "unhandled error in the request handler");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Node's 5 s idle timeout races clients reusing a connection (resets under load, see the helper).
  configureKeepAlive(httpServer);

  // Next's custom server adds its own 'upgrade' listener (for HMR) to `httpServer` on its first
  // request, and that listener ends sockets for paths it routes, which would include /collab
  // if a page ever matched it. So Next gets a stand-in emitter, and attachCollab (the real
  // server's only upgrade listener) forwards every non-/collab upgrade to it.
  // app.getUpgradeHandler() is no substitute: in Next 16 it is a no-op (NextNodeServer.handleUpgrade).
  const nextUpgrades = new EventEmitter();
  const extensions = [
    createBodyPersistenceExtension(),
    createAnnotationStateExtension(),
    // The article page tags over its annotations-document websocket (docs/COLLAB.md, "Commands").
    createAnnotationCommandsExtension(),
    // Several instances behind a load balancer share live documents through Redis.
    ...(process.env.REDIS_URL ? [createRedisExtension(process.env.REDIS_URL)] : []),
  ];
  const hocuspocus = createCollabServer({ extensions, ...collab });
  // Route handlers and server actions publish annotation state through this instance.
  registerCollabInstance(hocuspocus);
  registerCollabMetrics(hocuspocus);
  const attached = attachCollab(httpServer, hocuspocus, {
    maxPayload: collabMaxPayload,
    trustProxyHops,
    // Next only answers upgrades under /_next/ (HMR) and leaves any other socket hanging.
    fallback: (req, socket, head) => {
      if (req.url?.startsWith("/_next/") && nextUpgrades.listenerCount("upgrade") > 0) {
        nextUpgrades.emit("upgrade", req, socket, head);
      } else {
        refuseUpgrade(socket, "404 Not Found");
      }
    },
  });

  const actualPort = await listen(httpServer, port, hostname);
  const metricsServer =
    metricsPort === undefined
      ? undefined
      : await startMetricsServer({ port: metricsPort, hostname, token: metricsToken }).catch(
          async (error) => {
            await closeHttpServer(httpServer);
            throw error;
          },
        );
  const app = next({
    dev,
    dir: process.cwd(),
    hostname,
    port: actualPort,
    httpServer: nextUpgrades as unknown as Server,
  });
  try {
    await app.prepare();
  } catch (error) {
    registerCollabInstance(undefined);
    registerCollabMetrics(undefined);
    await closeCollabServer(hocuspocus, 0);
    await attached.close();
    await closeHttpServer(httpServer);
    await metricsServer?.close();
    throw error;
  }
  handleWithNext = app.getRequestHandler();
  // The job queue shares DATABASE_URL; every instance runs workers (pg-boss hands each job to one).
  // It must not keep the server from starting: with the database down at start (the pages answer
  // 503 meanwhile), it is retried every 5 s until it runs; deliveries wait in the outbox.
  let jobsRetry: NodeJS.Timeout | null = null;
  let jobsStopped = false;
  const startJobs = async (): Promise<void> => {
    try {
      const boss = await startJobQueue();
      await startWebhookDelivery(boss, getJobQueue()!.pool);
      await startEvidenceArchiving(boss, getJobQueue()!.pool);
      // /metrics reports the jobs waiting per queue (read at each scrape).
      registerQueueDepthSource(async () => ({
        [DELIVERY_QUEUE]: await boss.getQueueSize(DELIVERY_QUEUE),
        [SNAPSHOT_QUEUE]: await boss.getQueueSize(SNAPSHOT_QUEUE),
        [LINK_CHECK_QUEUE]: await boss.getQueueSize(LINK_CHECK_QUEUE),
        [ARTICLE_RECHECK_QUEUE]: await boss.getQueueSize(ARTICLE_RECHECK_QUEUE),
      }));
    } catch (error) {
      await stopJobQueue(0).catch(() => {});
      if (jobsStopped) return;
      logger.error({ err: error }, "[jobs] the job queue did not start; retrying in 5 s");
      jobsRetry = setTimeout(() => void startJobs(), 5_000);
    }
  };
  if (jobs) await startJobs();

  let closing: Promise<void> | null = null;
  return {
    url: publicUrl(hostname, actualPort),
    port: actualPort,
    metricsPort: metricsServer?.port,
    close() {
      closing ??= (async () => {
        // Stop taking new work first, then store live documents, then drop the rest.
        const httpClosed = closeHttpServer(httpServer);
        await closeCollabServer(hocuspocus);
        registerCollabInstance(undefined);
        registerCollabMetrics(undefined);
        // Running deliveries finish (up to 10 s); unstarted jobs stay queued for the next instance.
        if (jobs) {
          jobsStopped = true;
          if (jobsRetry) clearTimeout(jobsRetry);
          registerQueueDepthSource(undefined);
          await stopJobQueue();
        }
        await attached.close();
        await app.close();
        // The public pages' change listener (started by the first /p/ request, in Next's bundle of
        // lib/publications; it lives on globalThis, so this copy of the module reaches it).
        await stopPublicPageListener();
        await httpClosed;
        await metricsServer?.close();
      })();
      return closing;
    },
  };
}

async function main(): Promise<void> {
  const { loadEnvironment } = await import("./lib/config/load-env.ts");
  loadEnvironment({ dir: process.cwd(), dev: process.env.NODE_ENV !== "production" });
  const port = Number.parseInt(process.env.PORT ?? "3000", 10);
  const server = await startProofmarkServer({
    port,
    hostname: process.env.HOST ?? "0.0.0.0",
    dev: process.env.NODE_ENV !== "production",
  });
  getLogger().info({ url: server.url }, "server ready");
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    getLogger().info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        getLogger().error({ err: error }, "error while shutting down");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(
      "[server] failed to start",
      error instanceof Error && error.name === "InvalidEnvironmentError" ? error.message : error,
    );
    process.exit(1);
  });
}
