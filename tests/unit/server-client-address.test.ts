import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddressOf } from "../../server.ts";

const request = (remoteAddress: string | undefined, headers: Record<string, string | string[]> = {}) =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe("clientAddressOf", () => {
  it("uses the socket's peer and ignores forwarding headers without a trusted proxy", () => {
    const req = request("203.0.113.9", {
      "x-forwarded-for": "198.51.100.1",
      "x-proofmark-client-ip": "1.1.1.1",
    });
    expect(clientAddressOf(req, false)).toBe("203.0.113.9");
  });

  it("unwraps IPv4-mapped IPv6 addresses", () => {
    expect(clientAddressOf(request("::ffff:127.0.0.1"), false)).toBe("127.0.0.1");
    expect(clientAddressOf(request("::1"), false)).toBe("::1");
  });

  it("takes the first X-Forwarded-For hop behind a trusted proxy", () => {
    const req = request("10.0.0.2", { "x-forwarded-for": "198.51.100.1, 10.0.0.1" });
    expect(clientAddressOf(req, true)).toBe("198.51.100.1");
  });

  it("falls back to the peer when the forwarded hop is not an address", () => {
    expect(clientAddressOf(request("10.0.0.2", { "x-forwarded-for": "evil, 1.2.3.4" }), true)).toBe(
      "10.0.0.2",
    );
    expect(clientAddressOf(request("10.0.0.2", { "x-forwarded-for": "" }), true)).toBe("10.0.0.2");
    expect(clientAddressOf(request(undefined), true)).toBe("unknown");
  });
});
