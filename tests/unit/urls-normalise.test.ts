import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hasHiddenCharacter,
  isSafeHttpUrl,
  MAX_URL_LENGTH,
  normaliseUrl,
  sourceKey,
} from "../../lib/urls/normalise-url.ts";

// Inputs that must never become a stored link: other schemes (however disguised), links that
// borrow the page's scheme, credentials, hidden characters and oversize input.
const HOSTILE: string[] = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "javascript://example.com/%0Aalert(1)",
  "\u0000javascript:alert(1)",
  "jav&#x09;ascript:alert(1)",
  "vbscript:msgbox(1)",
  "data:text/html,<script>alert(1)</script>",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "DATA:text/html,x",
  "file:///etc/passwd",
  "file://host/share",
  "mailto:someone@example.com",
  "tel:+15555555",
  "ftp://example.com/file",
  "ws://example.com/",
  "blob:https://example.com/uuid",
  "about:blank",
  "//evil.example/path",
  "///evil.example",
  "\\\\evil.example\\share",
  "http:evil.example",
  "https:/evil.example",
  "http:\\\\evil.example",
  "https:///evil.example",
  "http://\\evil.example",
  "example.com/path",
  "/relative/path",
  "#fragment",
  "",
  "   ",
  "http://",
  "https://",
  "http://user:pw@example.com/",
  "https://user@example.com/",
  "https://:pw@example.com/",
  "https://example.com@evil.example/",
  "https://exa mple.com/",
  "https://example.com/a b",
  "https://example.com/\u0000",
  "https://example.com/\u007f",
  "https://example.com/\u0085",
  "https://example.com/\u200bpath",
  "https://exam\u200bple.com/",
  "https://example.com/\u202egnp.exe",
  "https://example.com/\ufeffx",
  "https://example.com/\u2028x",
  "https://exa\u00admple.com/",
  `https://example.com/${"a".repeat(MAX_URL_LENGTH)}`,
  "https://[::1/",
  "https://exa%mple.com/",
  "https://example.com:99999/",
  "https://ex<ample.com/",
];

describe("normaliseUrl: hostile corpus", () => {
  for (const input of HOSTILE) {
    it(`refuses ${JSON.stringify(input.length > 80 ? `${input.slice(0, 60)}…` : input)}`, () => {
      const result = normaliseUrl(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toEqual(expect.any(String));
      expect(isSafeHttpUrl(input)).toBe(false);
    });
  }
});

describe("normaliseUrl: accepted links", () => {
  const cases: [string, string][] = [
    ["https://example.com", "https://example.com/"],
    ["  https://Example.COM/Path?q=1#Frag  ", "https://example.com/Path?q=1#Frag"],
    ["HTTP://EXAMPLE.com:80/a", "http://example.com/a"],
    ["https://example.com:443/a", "https://example.com/a"],
    ["https://example.com:8443/a", "https://example.com:8443/a"],
    ["https://bücher.example/", "https://xn--bcher-kva.example/"],
    // A Cyrillic "а" look-alike is allowed, but only ever shown punycoded.
    ["https://exаmple.com/", "https://xn--exmple-4nf.com/"],
    ["https://example.com/a/../b", "https://example.com/b"],
    ["https://example.com/ü", "https://example.com/%C3%BC"],
    [
      "https://example.com/page#:~:text=34%2C573%20airstrikes",
      "https://example.com/page#:~:text=34%2C573%20airstrikes",
    ],
    ["http://127.0.0.1:3000/x", "http://127.0.0.1:3000/x"],
    ["https://[::1]/", "https://[::1]/"],
    [
      "https://web.archive.org/web/2026/https://example.com/a",
      "https://web.archive.org/web/2026/https://example.com/a",
    ],
  ];
  for (const [input, expected] of cases) {
    it(`normalises ${JSON.stringify(input)}`, () => {
      expect(normaliseUrl(input)).toEqual({ ok: true, url: expected });
      expect(isSafeHttpUrl(expected)).toBe(true);
    });
  }

  it("is idempotent and only ever yields http(s) URLs without credentials or hidden characters", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.string()),
        (input) => {
          const result = normaliseUrl(input);
          if (!result.ok) return;
          const url = new URL(result.url);
          expect(["http:", "https:"]).toContain(url.protocol);
          expect(url.username + url.password).toBe("");
          expect(result.url.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
          expect(hasHiddenCharacter(result.url)).toBe(false);
          expect(normaliseUrl(result.url)).toEqual(result);
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);
});

describe("sourceKey", () => {
  it("groups by host without www and by page without query, fragment or trailing slash", () => {
    expect(sourceKey("https://www.example.com/a/b/?x=1#y")).toEqual({
      host: "example.com",
      page: "example.com/a/b",
    });
    expect(sourceKey("https://example.com:8443/")).toEqual({
      host: "example.com:8443",
      page: "example.com:8443",
    });
  });
});
