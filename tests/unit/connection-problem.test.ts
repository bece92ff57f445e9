import { describe, expect, it } from "vitest";
import {
  CONNECT_TIMEOUT_MS,
  connectionProblem,
  PROBLEM_TEXT,
} from "../../components/annotator/connection-problem.ts";
import { developmentOrigins } from "../../lib/http/dev-origins.mjs";

describe("why a live connection failed", () => {
  it("says offline first, then the server's refusal reason, else unreachable", () => {
    expect(connectionProblem({ online: false, refusal: "unauthenticated" })).toBe("offline");
    expect(connectionProblem({ online: true, refusal: "unauthenticated" })).toBe("signed-out");
    expect(connectionProblem({ online: true, refusal: "not-found" })).toBe("no-access");
    expect(connectionProblem({ online: true, refusal: "invalid-document" })).toBe("no-access");
    expect(connectionProblem({ online: true, refusal: "unavailable" })).toBe("unavailable");
    expect(connectionProblem({ online: true, refusal: null })).toBe("unreachable");
    expect(connectionProblem({ online: true, refusal: "permission denied" })).toBe("unreachable");
  });

  it("offers Retry where retrying can help and Sign in again when signed out, within 10 s", () => {
    expect(CONNECT_TIMEOUT_MS).toBeLessThan(10_000);
    expect(PROBLEM_TEXT["signed-out"].action).toBe("sign-in");
    expect(PROBLEM_TEXT.offline.action).toBe("retry");
    expect(PROBLEM_TEXT.unreachable.action).toBe("retry");
    for (const { message } of Object.values(PROBLEM_TEXT)) expect(message).not.toMatch(/Connecting/);
  });
});

describe("development origins", () => {
  it("admit 127.0.0.1, ::1, the machine's addresses and NEXTAUTH_URL's host; next.config.js uses them", async () => {
    const { networkInterfaces } = await import("node:os");
    const origins = developmentOrigins({ NEXTAUTH_URL: "http://proofmark.lan:3000" });
    expect(origins).toEqual(expect.arrayContaining(["127.0.0.1", "[::1]", "proofmark.lan"]));
    for (const list of Object.values(networkInterfaces())) {
      for (const address of list ?? [])
        if (address.family === "IPv4") expect(origins).toContain(address.address);
    }
    // @ts-expect-error next.config.js is plain JavaScript without a declaration file
    const { default: nextConfig } = await import("../../next.config.js");
    expect(nextConfig.allowedDevOrigins).toEqual(expect.arrayContaining(["127.0.0.1", "[::1]"]));
  });
});
