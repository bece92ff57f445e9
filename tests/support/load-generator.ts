// A small bounded HTTP load generator (autocannon is not a dependency): N concurrent workers,
// each with its own keep-alive connection, send requests one after another until a fixed
// duration or request count is reached, then stop by themselves. It only talks to loopback
// addresses. It records status codes and errors per request label; latency and throughput are
// reported for information only (tests must not pass or fail on wall-clock figures).
import { Agent, request as httpRequest } from "node:http";

/** One request a worker sends; `label` groups the statistics (e.g. "GET export"). */
export interface LoadRequest {
  label: string;
  method: string;
  /** Path and query, e.g. `/api/v1/articles/<id>/annotations`. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as is; set content-type in `headers`. */
  body?: string;
}

export interface LoadOptions {
  /** `http://127.0.0.1:<port>`; anything that is not a loopback address is refused. */
  baseUrl: string;
  /** Workers sending at the same time, one keep-alive connection each. */
  connections: number;
  /** Stop starting requests after this long (at least one of durationMs and maxRequests). */
  durationMs?: number;
  /** Stop after this many requests in total. */
  maxRequests?: number;
  /** A request that takes longer than this counts as an error (default 60 s). */
  requestTimeoutMs?: number;
  /** Builds the next request of a worker (`sequence` counts every request across workers). */
  next(worker: number, sequence: number): LoadRequest;
  /** Sees every completed response (e.g. to collect the ids of created objects). */
  onResponse?(request: LoadRequest, status: number, body: string): void;
}

export interface LabelReport {
  requests: number;
  statuses: Record<number, number>;
  errors: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

export interface LoadReport {
  requests: number;
  /** Status code → count over every label. */
  statuses: Record<number, number>;
  /** Requests that got no response (connection refused or reset, timeout). */
  errors: number;
  /** The first few error messages. */
  errorSamples: string[];
  byLabel: Record<string, LabelReport>;
  elapsedMs: number;
  /** Completed requests per second, for information. */
  requestsPerSecond: number;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
const MAX_ERROR_SAMPLES = 10;

/** Refuses a target that is not this machine: the load test must never leave loopback. */
export function assertLoopback(baseUrl: string): URL {
  const url = new URL(baseUrl);
  if (url.protocol !== "http:" || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`the load generator only targets http on loopback, not ${baseUrl}`);
  }
  return url;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]! * 10) / 10;
}

function send(
  agent: Agent,
  target: URL,
  load: LoadRequest,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...(load.headers ?? {}) };
    if (load.body !== undefined) headers["content-length"] = Buffer.byteLength(load.body);
    const req = httpRequest(
      {
        agent,
        host: target.hostname.replace(/^\[|\]$/g, ""),
        port: target.port,
        method: load.method,
        path: load.path,
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(load.body);
  });
}

/**
 * Runs the load until the duration or request count is reached; every started request is
 * awaited (bounded by requestTimeoutMs), so nothing is left running when it resolves.
 * @throws Error when the target is not loopback or neither bound is given
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const target = assertLoopback(options.baseUrl);
  if (options.durationMs === undefined && options.maxRequests === undefined) {
    throw new Error("runLoad needs durationMs or maxRequests, or it would never stop");
  }
  const timeoutMs = options.requestTimeoutMs ?? 60_000;
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const started = performance.now();
  const endsAt = options.durationMs === undefined ? Number.POSITIVE_INFINITY : started + options.durationMs;
  const maxRequests = options.maxRequests ?? Number.POSITIVE_INFINITY;
  const latencies = new Map<string, number[]>();
  const report: LoadReport = {
    requests: 0,
    statuses: {},
    errors: 0,
    errorSamples: [],
    byLabel: {},
    elapsedMs: 0,
    requestsPerSecond: 0,
  };
  let sequence = 0;

  const labelOf = (label: string): LabelReport => {
    let entry = report.byLabel[label];
    if (!entry) {
      entry = { requests: 0, statuses: {}, errors: 0, latencyMs: { p50: 0, p90: 0, p99: 0, max: 0 } };
      report.byLabel[label] = entry;
      latencies.set(label, []);
    }
    return entry;
  };

  const worker = async (index: number) => {
    while (performance.now() < endsAt && sequence < maxRequests) {
      const load = options.next(index, sequence++);
      const entry = labelOf(load.label);
      const sent = performance.now();
      try {
        const { status, body } = await send(agent, target, load, timeoutMs);
        latencies.get(load.label)!.push(performance.now() - sent);
        report.statuses[status] = (report.statuses[status] ?? 0) + 1;
        entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
        options.onResponse?.(load, status, body);
      } catch (error) {
        report.errors += 1;
        entry.errors += 1;
        if (report.errorSamples.length < MAX_ERROR_SAMPLES) {
          const message = error instanceof Error ? error.message : String(error);
          report.errorSamples.push(`${load.method} ${load.path}: ${message}`);
        }
      }
      report.requests += 1;
      entry.requests += 1;
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, options.connections) }, (_, i) => worker(i)));
  } finally {
    agent.destroy();
  }
  report.elapsedMs = Math.round(performance.now() - started);
  report.requestsPerSecond = Math.round((report.requests / Math.max(1, report.elapsedMs)) * 10_000) / 10;
  for (const [label, times] of latencies) {
    times.sort((a, b) => a - b);
    report.byLabel[label]!.latencyMs = {
      p50: percentile(times, 50),
      p90: percentile(times, 90),
      p99: percentile(times, 99),
      max: percentile(times, 100),
    };
  }
  return report;
}

/** A one-line-per-label summary of a report, for the test's log (information, not a verdict). */
export function formatLoadReport(report: LoadReport): string {
  const lines = [
    `${report.requests} requests in ${report.elapsedMs} ms (${report.requestsPerSecond}/s), ` +
      `statuses ${JSON.stringify(report.statuses)}, ${report.errors} errors`,
  ];
  for (const [label, entry] of Object.entries(report.byLabel)) {
    const { p50, p90, p99, max } = entry.latencyMs;
    lines.push(
      `  ${label}: ${entry.requests} requests, statuses ${JSON.stringify(entry.statuses)}, ` +
        `${entry.errors} errors, latency ms p50 ${p50} p90 ${p90} p99 ${p99} max ${max}`,
    );
  }
  return lines.join("\n");
}
