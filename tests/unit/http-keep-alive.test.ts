import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { configureKeepAlive, KEEP_ALIVE_TIMEOUT_MS } from "../../lib/http/keep-alive.ts";

describe("configureKeepAlive", () => {
  it("keeps idle connections longer than a load balancer's 60 s, and headers longer still", () => {
    const server = createServer();
    const nodeDefault = server.keepAliveTimeout; // 5 s, which the load test showed racing reused connections
    configureKeepAlive(server);
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(server.keepAliveTimeout).toBeGreaterThan(Math.max(60_000, nodeDefault));
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });
});
