// Prometheus metrics (prom-client), one registry per process shared through globalThis by
// server.ts and the bundled route code. Served by server.ts at GET /metrics behind
// METRICS_TOKEN, or on METRICS_PORT (lib/observability/metrics-endpoint.ts).
import type { Pool } from "pg";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** A source of job-queue depths by queue name (lib/jobs registers one when a queue exists). */
export type QueueDepthSource = () => Promise<Record<string, number>> | Record<string, number>;

/** What the collaboration server reports (Hocuspocus: getConnectionsCount, getDocumentsCount). */
export interface CollabCounts {
  getConnectionsCount(): number;
  getDocumentsCount(): number;
}

interface Sources {
  collab?: CollabCounts;
  pool?: Pick<Pool, "totalCount" | "idleCount" | "waitingCount">;
  poolMax?: number;
  queueDepth?: QueueDepthSource;
}

export interface ProofmarkMetrics {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  documentStoreFailures: Counter;
  documentStoreRetries: Counter;
  documentsAwaitingStore: Gauge;
  sources: Sources;
}

const KEY = Symbol.for("proofmark.metrics");
const registry = globalThis as unknown as Record<symbol, ProofmarkMetrics | undefined>;

/**
 * Creates a registry with Proofmark's metrics and Node's defaults (event-loop lag, heap, GC…).
 * Use getMetrics() for the process's one.
 */
export function createMetrics(): ProofmarkMetrics {
  const register = new Registry();
  const sources: Sources = {};
  collectDefaultMetrics({ register, eventLoopMonitoringPrecision: 20 });
  const httpDuration = new Histogram({
    name: "proofmark_http_request_duration_seconds",
    help: "HTTP request durations by method, route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [register],
  });
  new Gauge({
    name: "proofmark_collab_websockets_open",
    help: "Open /collab websocket connections on this instance",
    registers: [register],
    collect() {
      this.set(sources.collab?.getConnectionsCount() ?? 0);
    },
  });
  new Gauge({
    name: "proofmark_collab_documents_open",
    help: "Live documents loaded on this instance",
    registers: [register],
    collect() {
      this.set(sources.collab?.getDocumentsCount() ?? 0);
    },
  });
  const documentStoreFailures = new Counter({
    name: "proofmark_document_store_failures_total",
    help: "Failed attempts to store a live document's body (each is retried)",
    registers: [register],
  });
  const documentStoreRetries = new Counter({
    name: "proofmark_document_store_retries_total",
    help: "Retried stores of a live document's body",
    registers: [register],
  });
  const documentsAwaitingStore = new Gauge({
    name: "proofmark_documents_awaiting_store",
    help: "Live documents whose last store failed and wait for a retry",
    registers: [register],
  });
  new Gauge({
    name: "proofmark_db_pool_connections",
    help: "Database pool connections by state (total, idle, waiting clients, max)",
    labelNames: ["state"] as const,
    registers: [register],
    collect() {
      const pool = sources.pool;
      this.set({ state: "total" }, pool?.totalCount ?? 0);
      this.set({ state: "idle" }, pool?.idleCount ?? 0);
      this.set({ state: "waiting" }, pool?.waitingCount ?? 0);
      this.set({ state: "max" }, sources.poolMax ?? 0);
    },
  });
  new Gauge({
    name: "proofmark_job_queue_depth",
    help: "Jobs waiting per queue (present once a job queue registers itself)",
    labelNames: ["queue"] as const,
    registers: [register],
    async collect() {
      this.reset();
      if (!sources.queueDepth) return;
      for (const [queue, depth] of Object.entries(await sources.queueDepth())) this.set({ queue }, depth);
    },
  });
  return {
    registry: register,
    httpDuration,
    documentStoreFailures,
    documentStoreRetries,
    documentsAwaitingStore,
    sources,
  };
}

/** The process's metrics, created on first use. */
export function getMetrics(): ProofmarkMetrics {
  registry[KEY] ??= createMetrics();
  return registry[KEY];
}

/** Reports the collaboration server's connections and documents (server.ts). */
export function registerCollabMetrics(collab: CollabCounts | undefined): void {
  getMetrics().sources.collab = collab;
}

/** Reports the database pool's use (lib/db.ts). */
export function registerPoolMetrics(pool: Sources["pool"], max: number): void {
  getMetrics().sources.pool = pool;
  getMetrics().sources.poolMax = max;
}

/** The hook for a job queue (lib/jobs): its depth per queue name, read at each scrape. */
export function registerQueueDepthSource(source: QueueDepthSource | undefined): void {
  getMetrics().sources.queueDepth = source;
}

// Ids, slugs and tokens in paths become placeholders, so that the route label stays a small set.
const ID_SEGMENT =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|c[a-z0-9]{20,}|[A-Za-z0-9_-]{24,})$/i;
const NAMED_AFTER: Record<string, string> = { t: ":team", teams: ":team", invite: ":token", invites: ":id" };

/**
 * The route pattern of a request path for metrics: `/api/v1/articles/:id/annotations`,
 * `/t/:team/articles/:id`, `/_next/static`; `unmatched` for a 404, so that probing random
 * paths cannot grow the label set.
 * @throws nothing
 */
export function routeLabelOf(path: string, status: number): string {
  if (status === 404) return "unmatched";
  const pathname = path.split("?")[0] ?? "/";
  if (pathname.startsWith("/_next/")) return pathname.split("/").slice(0, 3).join("/");
  const segments = pathname.split("/").filter(Boolean).slice(0, 8);
  const out = segments.map((segment, i) => {
    const named = i > 0 ? NAMED_AFTER[segments[i - 1] as string] : undefined;
    if (named) return named;
    return ID_SEGMENT.test(segment) ? ":id" : segment.length > 40 ? ":value" : segment;
  });
  return `/${out.join("/")}`;
}
