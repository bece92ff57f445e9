import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { loggableUrl } from "../../lib/observability/http-observability.ts";
import { createLogger, formatPrettyLine } from "../../lib/observability/logger.ts";
import { createMetrics, routeLabelOf } from "../../lib/observability/metrics.ts";
import { handleMetricsRequest, startMetricsServer } from "../../lib/observability/metrics-endpoint.ts";
import {
  currentRequestId,
  requestIdFrom,
  runWithRequestId,
} from "../../lib/observability/request-context.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("keeps a safe incoming X-Request-Id and replaces anything else with a new UUID", () => {
    expect(requestIdFrom("req-2026-12-06T17:00:00.123@edge")).toBe("req-2026-12-06T17:00:00.123@edge");
    expect(requestIdFrom(["abcdefgh", "second"])).toBe("abcdefgh");
    for (const unsafe of [
      undefined,
      null,
      "",
      "short",
      "has space x",
      "a\nb-c-d-e-f",
      "x".repeat(129),
      "<script>alert</script>",
    ]) {
      expect(requestIdFrom(unsafe)).toMatch(UUID);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });

  it("is the current id inside runWithRequestId, across awaits, and undefined outside", async () => {
    expect(currentRequestId()).toBeUndefined();
    await runWithRequestId("req-abcdefgh", async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentRequestId()).toBe("req-abcdefgh");
    });
    expect(currentRequestId()).toBeUndefined();
  });
});

describe("log lines", () => {
  it("carry the request id, use level names, and redact credentials wherever they sit", () => {
    const lines: string[] = [];
    const logger = createLogger({ format: "json", destination: { write: (line) => lines.push(line) } });
    runWithRequestId("req-abcdefgh", () =>
      logger.info(
        {
          req: { headers: { authorization: "Bearer pm_secret1", cookie: "s=secret2" } },
          user: { password: "secret3" },
          token: "secret4",
        },
        "hello",
      ),
    );
    const entry = JSON.parse(lines[0] ?? "{}");
    expect(entry).toMatchObject({
      level: "info",
      msg: "hello",
      requestId: "req-abcdefgh",
      service: "proofmark",
    });
    expect(lines[0]).not.toMatch(/secret[1-4]/);
    expect(entry.req.headers.authorization).toBe("[redacted]");
  });

  it("are readable in development: time, level, message, fields, the request in one phrase", () => {
    const line = formatPrettyLine(
      JSON.stringify({
        level: "warn",
        time: Date.UTC(2026, 11, 6, 17, 1, 2),
        msg: "request completed",
        service: "proofmark",
        req: { method: "GET", url: "/t/x" },
        res: { statusCode: 404 },
        responseTime: 3,
        requestId: "r1",
      }),
    );
    expect(line).toBe("17:01:02 WARN  request completed requestId=r1 request=GET /t/x → 404 (3 ms)\n");
    expect(formatPrettyLine("not json\n")).toBe("not json\n");
  });

  it("never show an invite secret or a query value in a logged URL", () => {
    expect(loggableUrl("/invite/s3cr3t-value")).toBe("/invite/[redacted]");
    expect(loggableUrl("/api/v1/invites/s3cr3t/accept?x=1&y")).toBe(
      "/api/v1/invites/[redacted]/accept?x=[redacted]&y=[redacted]",
    );
    expect(loggableUrl("/t/demo-desk?q=airstrikes")).toBe("/t/demo-desk?q=[redacted]");
    expect(loggableUrl(undefined)).toBe("/");
  });
});

describe("route labels for metrics", () => {
  it("turn ids, teams and secrets into placeholders and unknown paths into one label", () => {
    const id = "3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c";
    expect(routeLabelOf(`/api/v1/articles/${id}/annotations?x=1`, 200)).toBe(
      "/api/v1/articles/:id/annotations",
    );
    expect(routeLabelOf(`/t/demo-desk/articles/${id}`, 200)).toBe("/t/:team/articles/:id");
    expect(routeLabelOf("/api/v1/teams/demo-desk/export", 200)).toBe("/api/v1/teams/:team/export");
    expect(routeLabelOf("/invite/abcdefghijklmnopqrstuvwxyz0123", 200)).toBe("/invite/:token");
    expect(routeLabelOf("/_next/static/chunks/abc.js", 200)).toBe("/_next/static");
    expect(routeLabelOf("/anything/random/here", 404)).toBe("unmatched");
    expect(routeLabelOf("/", 200)).toBe("/");
  });
});

describe("GET /metrics", () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  async function appServer(token: string | undefined, metrics = createMetrics()) {
    const server = createServer((req, res) => {
      if (handleMetricsRequest(req, res, { token, metrics })) return;
      res.writeHead(404);
      res.end("next would answer");
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  }

  it("is not served without METRICS_TOKEN (the app's 404)", async () => {
    const url = await appServer(undefined);
    const response = await fetch(`${url}/metrics`, {
      headers: { authorization: "Bearer anything-at-all-here" },
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("next would answer");
  });

  it("needs the bearer token: none or a wrong one 401, the right one the Prometheus text", async () => {
    const token = "metrics-token-0123456789";
    const metrics = createMetrics();
    metrics.httpDuration.observe({ method: "GET", route: "/t/:team", status: "200" }, 0.02);
    metrics.documentStoreFailures.inc();
    const url = await appServer(token, metrics);
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(
      (await fetch(`${url}/metrics`, { method: "POST", headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(405);
    const ok = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await ok.text();
    expect(text).toContain(
      'proofmark_http_request_duration_seconds_count{method="GET",route="/t/:team",status="200"} 1',
    );
    expect(text).toContain("proofmark_document_store_failures_total 1");
    for (const name of [
      "nodejs_eventloop_lag_seconds",
      "proofmark_collab_websockets_open",
      "proofmark_collab_documents_open",
      "proofmark_db_pool_connections",
      "proofmark_document_store_retries_total",
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
    expect(text).not.toContain(token);
  });

  it("reports collab counts, pool use and a job queue's depth from their registered sources", async () => {
    const metrics = createMetrics();
    metrics.sources.collab = { getConnectionsCount: () => 7, getDocumentsCount: () => 3 };
    metrics.sources.pool = { totalCount: 5, idleCount: 2, waitingCount: 1 };
    metrics.sources.poolMax = 10;
    metrics.sources.queueDepth = async () => ({ webhooks: 4 });
    const text = await metrics.registry.metrics();
    expect(text).toContain("proofmark_collab_websockets_open 7");
    expect(text).toContain("proofmark_collab_documents_open 3");
    expect(text).toContain('proofmark_db_pool_connections{state="waiting"} 1');
    expect(text).toContain('proofmark_db_pool_connections{state="max"} 10');
    expect(text).toContain('proofmark_job_queue_depth{queue="webhooks"} 4');
  });

  it("is served on a separate METRICS_PORT, open there unless a token is set, /metrics only", async () => {
    const open = await startMetricsServer({
      port: 0,
      hostname: "127.0.0.1",
      token: undefined,
      metrics: createMetrics(),
    });
    try {
      expect((await fetch(`http://127.0.0.1:${open.port}/metrics`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${open.port}/`)).status).toBe(404);
    } finally {
      await open.close();
    }
    const guarded = await startMetricsServer({
      port: 0,
      hostname: "127.0.0.1",
      token: "metrics-token-0123456789",
      metrics: createMetrics(),
    });
    try {
      expect((await fetch(`http://127.0.0.1:${guarded.port}/metrics`)).status).toBe(401);
    } finally {
      await guarded.close();
    }
  });
});
