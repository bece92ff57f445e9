// The fetcher options webhook delivery needs (lib/webhooks/send-request.ts): error statuses and
// unfollowed redirects returned with their headers and body, and a body truncated at maxBytes
// instead of refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchUrl } from "../../lib/fetch/fetch-url.ts";
import { type FixtureServer, redirectTo, startFixtureServer } from "../support/fixture-server.ts";

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({
    "/busy": (_req, res) => {
      res.writeHead(429, { "retry-after": "7", "content-type": "text/plain" }).end("slow down");
    },
    "/moved": redirectTo("/elsewhere", 307),
    "/long": (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(5000));
    },
  });
});

afterAll(async () => {
  await server.close();
});

describe("fetchUrl delivery options", () => {
  it("returns an error status with its headers and body when returnErrorStatuses is set", async () => {
    const result = await fetchUrl(`${server.origin}/busy`, {
      method: "POST",
      body: "{}",
      allowHosts: [server.hostPort],
      returnErrorStatuses: true,
    });
    expect(result.status).toBe(429);
    expect(result.headers["retry-after"]).toBe("7");
    expect(result.body.toString()).toBe("slow down");
    await expect(fetchUrl(`${server.origin}/busy`, { allowHosts: [server.hostPort] })).rejects.toMatchObject({
      code: "fetch_http_error",
    });
  });

  it("returns an unfollowed redirect as is", async () => {
    const result = await fetchUrl(`${server.origin}/moved`, {
      method: "POST",
      body: "{}",
      allowHosts: [server.hostPort],
      followRedirects: false,
      returnErrorStatuses: true,
    });
    expect(result.status).toBe(307);
    expect(result.headers.location).toBe("/elsewhere");
    expect(server.requests.filter((request) => request.path === "/elsewhere")).toHaveLength(0);
  });

  it("truncates a long body at maxBytes with truncateBody, refuses it without", async () => {
    const result = await fetchUrl(`${server.origin}/long`, {
      allowHosts: [server.hostPort],
      maxBytes: 1024,
      truncateBody: true,
    });
    expect(result.body).toHaveLength(1024);
    await expect(
      fetchUrl(`${server.origin}/long`, { allowHosts: [server.hostPort], maxBytes: 1024 }),
    ).rejects.toMatchObject({ code: "fetch_too_large" });
  });
});
