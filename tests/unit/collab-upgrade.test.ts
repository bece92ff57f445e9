import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { isCollabPath, isSameOriginUpgrade } from "../../lib/collab/upgrade.ts";

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("isCollabPath", () => {
  it.each(["/collab", "/collab/", "/collab/article.x", "/collab?x=1"])("accepts %s", (url) => {
    expect(isCollabPath(url)).toBe(true);
  });
  it.each(["/", "/collaborate", "/_next/hmr", "/api/collab", undefined])("refuses %s", (url) => {
    expect(isCollabPath(url)).toBe(false);
  });
});

describe("isSameOriginUpgrade", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of ["NEXTAUTH_URL", "TRUST_PROXY"]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  it("accepts no Origin (non-browser clients) and the page's own origin", () => {
    expect(isSameOriginUpgrade(request({ host: "news.example:3000" }))).toBe(true);
    expect(
      isSameOriginUpgrade(request({ host: "news.example:3000", origin: "http://news.example:3000" })),
    ).toBe(true);
  });

  it("refuses another site, a malformed Origin and the literal null origin", () => {
    expect(isSameOriginUpgrade(request({ host: "news.example", origin: "https://evil.example" }))).toBe(
      false,
    );
    expect(isSameOriginUpgrade(request({ host: "news.example", origin: "not a url" }))).toBe(false);
    expect(isSameOriginUpgrade(request({ host: "news.example", origin: "null" }))).toBe(false);
  });

  it("accepts the public NEXTAUTH_URL host, and X-Forwarded-Host only behind a trusted proxy", () => {
    process.env.NEXTAUTH_URL = "https://proofmark.example";
    const viaProxy = { host: "app:3000", origin: "https://proofmark.example" };
    expect(isSameOriginUpgrade(request(viaProxy))).toBe(true);
    process.env.NEXTAUTH_URL = "";
    const forwarded = { ...viaProxy, "x-forwarded-host": "proofmark.example" };
    process.env.TRUST_PROXY = "";
    expect(isSameOriginUpgrade(request(forwarded))).toBe(false);
    process.env.TRUST_PROXY = "1";
    expect(isSameOriginUpgrade(request(forwarded))).toBe(true);
    process.env.TRUST_PROXY = "2";
    expect(isSameOriginUpgrade(request(forwarded))).toBe(true);
    expect(isSameOriginUpgrade(request(forwarded), 0)).toBe(false);
  });
});
