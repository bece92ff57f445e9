import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  securityHeaderOptions,
  securityHeaders,
} from "../../lib/http/security-headers.mjs";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe("security headers", () => {
  it("locks the CSP down in production", () => {
    const csp = directives(contentSecurityPolicy({ production: true }));
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    for (const values of csp.values()) {
      expect(values).not.toContain("*");
      expect(values).not.toContain("'unsafe-eval'");
      expect(values).not.toContain("http:");
      expect(values).not.toContain("https:");
    }
  });

  it("allows eval only outside production (React refresh)", () => {
    expect(directives(contentSecurityPolicy({ production: false })).get("script-src")).toContain(
      "'unsafe-eval'",
    );
  });

  it("sends the fixed headers, and HSTS only over https", () => {
    const plain = new Map(securityHeaders({ production: true, https: false }).map((h) => [h.key, h.value]));
    expect(plain.get("X-Content-Type-Options")).toBe("nosniff");
    expect(plain.get("X-Frame-Options")).toBe("DENY");
    expect(plain.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(plain.get("Cross-Origin-Opener-Policy")).toBe("same-origin");
    expect(plain.get("Permissions-Policy")).toContain("camera=()");
    expect(plain.get("Permissions-Policy")).toContain("microphone=()");
    expect(plain.get("Permissions-Policy")).toContain("geolocation=()");
    expect(plain.has("Strict-Transport-Security")).toBe(false);
    const secure = new Map(securityHeaders({ production: true, https: true }).map((h) => [h.key, h.value]));
    expect(secure.get("Strict-Transport-Security")).toMatch(/^max-age=\d{7,}/);
    for (const { key, value } of securityHeaders({ production: false, https: true })) {
      expect(key).toMatch(/^[A-Za-z-]+$/);
      expect(value).not.toMatch(/[\r\n]/);
    }
  });

  it("reads the options from the environment", () => {
    expect(securityHeaderOptions({ NODE_ENV: "production", NEXTAUTH_URL: "https://news.example" })).toEqual({
      production: true,
      https: true,
    });
    expect(securityHeaderOptions({ NODE_ENV: "development", NEXTAUTH_URL: "http://localhost:3000" })).toEqual(
      {
        production: false,
        https: false,
      },
    );
    expect(securityHeaderOptions({})).toEqual({ production: false, https: false });
  });
});
