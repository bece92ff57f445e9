// The load test's generator (tests/support/load-generator.ts) against a tiny local HTTP server:
// it stops by itself, counts every status and every failed request, keeps its connections
// alive, and refuses to leave loopback or to run without a bound.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertLoopback, formatLoadReport, runLoad } from "../support/load-generator.ts";

let server: Server;
let baseUrl: string;
const sockets = new Set<unknown>();
let received = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    received += 1;
    sockets.add(req.socket);
    if (req.url === "/destroy") {
      req.socket.destroy();
      return;
    }
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      res.writeHead(req.url === "/missing" ? 404 : req.method === "POST" ? 201 : 200, {
        "content-type": "application/json",
      });
      res.end(JSON.stringify({ echo: body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("runLoad", () => {
  it("sends exactly maxRequests over keep-alive connections and counts statuses per label", async () => {
    received = 0;
    sockets.clear();
    const bodies: string[] = [];
    const report = await runLoad({
      baseUrl,
      connections: 3,
      maxRequests: 30,
      next: (_worker, sequence) =>
        sequence % 3 === 0
          ? {
              label: "post",
              method: "POST",
              path: "/items",
              headers: { "content-type": "application/json" },
              body: `{"n":${sequence}}`,
            }
          : sequence % 3 === 1
            ? { label: "get", method: "GET", path: "/items" }
            : { label: "missing", method: "GET", path: "/missing" },
      onResponse: (request, status, body) => {
        if (request.method === "POST" && status === 201) bodies.push(body);
      },
    });
    expect(report.requests).toBe(30);
    expect(received).toBe(30);
    expect(report.statuses).toEqual({ 200: 10, 201: 10, 404: 10 });
    expect(report.byLabel.missing?.statuses).toEqual({ 404: 10 });
    expect(report.errors).toBe(0);
    expect(bodies).toHaveLength(10);
    expect(JSON.parse(bodies[0]!).echo).toMatch(/^\{"n":\d+\}$/);
    // Three workers, three keep-alive connections: not one connection per request.
    expect(sockets.size).toBeLessThanOrEqual(3);
    expect(formatLoadReport(report)).toContain("missing: 10 requests");
  });

  it("stops by itself after its duration", async () => {
    const report = await runLoad({
      baseUrl,
      connections: 2,
      durationMs: 300,
      next: () => ({ label: "get", method: "GET", path: "/" }),
    });
    expect(report.requests).toBeGreaterThan(0);
    expect(report.errors).toBe(0);
  });

  it("counts requests that get no response as errors, with samples", async () => {
    const report = await runLoad({
      baseUrl,
      connections: 1,
      maxRequests: 2,
      next: () => ({ label: "reset", method: "GET", path: "/destroy" }),
    });
    expect(report.errors).toBe(2);
    expect(report.statuses).toEqual({});
    expect(report.errorSamples).toHaveLength(2);
    expect(report.errorSamples[0]).toContain("GET /destroy");
  });

  it("refuses targets off loopback and runs without a bound", async () => {
    expect(() => assertLoopback("http://example.com:80")).toThrow(/only targets http on loopback/);
    expect(() => assertLoopback("http://10.0.0.1:3000")).toThrow(/only targets http on loopback/);
    expect(() => assertLoopback("https://127.0.0.1:3000")).toThrow(/only targets http on loopback/);
    expect(assertLoopback("http://localhost:3000").port).toBe("3000");
    await expect(
      runLoad({
        baseUrl: "http://192.0.2.1:80",
        connections: 1,
        maxRequests: 1,
        next: () => ({ label: "x", method: "GET", path: "/" }),
      }),
    ).rejects.toThrow(/loopback/);
    await expect(
      runLoad({ baseUrl, connections: 1, next: () => ({ label: "x", method: "GET", path: "/" }) }),
    ).rejects.toThrow(/never stop/);
  });
});
