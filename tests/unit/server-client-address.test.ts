import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { FORWARDED_HEADERS, parseTrustProxy, prepareIncomingRequest } from "../../lib/http/client-address.ts";
import { CLIENT_IP_HEADER, clientAddressOf } from "../../server.ts";

const request = (remoteAddress: string | undefined, headers: Record<string, string | string[]> = {}) =>
  ({
    headers: { ...headers },
    socket: { remoteAddress },
    connection: { remoteAddress },
  }) as unknown as IncomingMessage;

describe("parseTrustProxy", () => {
  it("reads a number of hops; unset, empty, 0 and false are none", () => {
    expect(parseTrustProxy(undefined)).toBe(0);
    expect(parseTrustProxy("")).toBe(0);
    expect(parseTrustProxy("0")).toBe(0);
    expect(parseTrustProxy("false")).toBe(0);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy(" 2 ")).toBe(2);
  });

  it("refuses anything else, naming the variable (true would trust whatever the client wrote)", () => {
    for (const value of ["true", "yes", "-1", "1.5", "11", "loopback", "10.0.0.0/8"]) {
      expect(() => parseTrustProxy(value)).toThrow(/^TRUST_PROXY must be the number of trusted proxy hops/);
    }
  });
});

describe("clientAddressOf", () => {
  it("uses the socket's peer and ignores forwarding headers without a trusted proxy", () => {
    const req = request("203.0.113.9", {
      "x-forwarded-for": "198.51.100.1",
      forwarded: "for=198.51.100.2",
      "x-real-ip": "198.51.100.3",
      "x-proofmark-client-ip": "1.1.1.1",
    });
    expect(clientAddressOf(req, 0)).toBe("203.0.113.9");
  });

  it("unwraps IPv4-mapped IPv6 addresses", () => {
    expect(clientAddressOf(request("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddressOf(request("::1"), 0)).toBe("::1");
    expect(clientAddressOf(request("10.0.0.2", { "x-forwarded-for": "::ffff:198.51.100.4" }), 1)).toBe(
      "198.51.100.4",
    );
  });

  it("behind one trusted proxy takes the rightmost X-Forwarded-For address: the one the proxy added", () => {
    // nginx with $remote_addr: just the client.
    expect(clientAddressOf(request("10.0.0.2", { "x-forwarded-for": "198.51.100.1" }), 1)).toBe(
      "198.51.100.1",
    );
    // A proxy that appends to what the client sent: the client's own entries never count.
    const forged = request("10.0.0.2", { "x-forwarded-for": "1.2.3.4, 5.6.7.8, 198.51.100.1" });
    expect(clientAddressOf(forged, 1)).toBe("198.51.100.1");
  });

  it("behind two trusted proxies takes the address the outer one saw", () => {
    const req = request("10.0.0.2", { "x-forwarded-for": "1.2.3.4, 198.51.100.1, 10.0.0.1" });
    expect(clientAddressOf(req, 2)).toBe("198.51.100.1");
  });

  it("falls back to the peer when the proxy sent no address", () => {
    expect(clientAddressOf(request("10.0.0.2", { "x-forwarded-for": "" }), 1)).toBe("10.0.0.2");
    expect(clientAddressOf(request("10.0.0.2", { "x-forwarded-for": "not-an-address" }), 1)).toBe("10.0.0.2");
    expect(clientAddressOf(request(undefined), 1)).toBe("unknown");
  });
});

describe("prepareIncomingRequest", () => {
  const forgedHeaders = {
    forwarded: "for=1.2.3.4;host=evil.example;proto=https",
    "x-forwarded-for": "1.2.3.4",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-forwarded-port": "443",
    "x-real-ip": "1.2.3.4",
    [CLIENT_IP_HEADER]: "1.2.3.4",
  };

  it("without a trusted proxy removes every forwarded header and sets the peer as the client", () => {
    const req = request("203.0.113.9", forgedHeaders);
    expect(prepareIncomingRequest(req, 0)).toBe("203.0.113.9");
    for (const name of FORWARDED_HEADERS) expect(req.headers[name]).toBeUndefined();
    expect(req.headers[CLIENT_IP_HEADER]).toBe("203.0.113.9");
  });

  it("behind a trusted proxy keeps its headers and overwrites our own client-address header", () => {
    const req = request("10.0.0.2", { ...forgedHeaders, "x-forwarded-for": "198.51.100.1" });
    expect(prepareIncomingRequest(req, 1)).toBe("198.51.100.1");
    expect(req.headers["x-forwarded-host"]).toBe("evil.example");
    expect(req.headers[CLIENT_IP_HEADER]).toBe("198.51.100.1");
  });
});
