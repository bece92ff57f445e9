// The public page's content negotiation (lib/publications/public-page-response.ts): the best
// coding the client accepts, pre-compressed bytes that decode to the page, one ETag per coding.
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { ContentCoding, PublicPage } from "../../lib/publications/public-page-cache.ts";
import { preferredCoding, publicPageResponse } from "../../lib/publications/public-page-response.ts";

const html = `<!doctype html><title>A page</title>${"<p>The council voted 9 to 2.</p>".repeat(200)}`;
const page: PublicPage = {
  html,
  etag: '"abc123"',
  encoded: (coding: ContentCoding) =>
    coding === "identity" ? Buffer.from(html) : coding === "gzip" ? gzipSync(html) : brotliCompressSync(html),
};

function request(headers: Record<string, string>) {
  return new Request("http://localhost/p/x", { headers });
}

describe("public page content coding", () => {
  it.each([
    ["gzip, deflate, br, zstd", "br"],
    ["gzip, deflate", "gzip"],
    ["br;q=0.5, gzip", "gzip"],
    ["br;q=0, gzip;q=0.1", "gzip"],
    ["*", "br"],
    ["*;q=0", "identity"],
    ["identity", "identity"],
    ["", "identity"],
  ])("Accept-Encoding %j → %s", (header, coding) => {
    expect(preferredCoding(header)).toBe(coding);
  });

  it("sends the compressed bytes with their coding, Vary and a coding's own ETag", async () => {
    const br = publicPageResponse(request({ "accept-encoding": "gzip, br" }), page);
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toBe("Accept-Encoding");
    expect(br.headers.get("etag")).toBe('"abc123-br"');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(html);
    const gzip = publicPageResponse(request({ "accept-encoding": "gzip" }), page);
    expect(gzip.headers.get("etag")).toBe('"abc123-gzip"');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(html);
    const plain = publicPageResponse(request({}), page);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("etag")).toBe('"abc123"');
    expect(await plain.text()).toBe(html);
  });

  it("answers 304 to the ETag of the coding it would send, not to another coding's", () => {
    expect(
      publicPageResponse(request({ "accept-encoding": "br", "if-none-match": '"abc123-br"' }), page).status,
    ).toBe(304);
    expect(
      publicPageResponse(request({ "accept-encoding": "br", "if-none-match": '"abc123"' }), page).status,
    ).toBe(200);
    expect(publicPageResponse(request({ "if-none-match": '"x", "abc123"' }), page).status).toBe(304);
  });
});
