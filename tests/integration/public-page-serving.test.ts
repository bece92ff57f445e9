// Published pages answered before Next (lib/publications/serve-public-page.ts), over real HTTP:
// pre-compressed in the coding the reader accepts, the public page's security headers (framable
// by any site), HEAD without a body, 404 for an unknown address, other methods left to Next.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArticle } from "../../lib/articles/create-article.ts";
import { stopPublicPageListener } from "../../lib/publications/public-page-cache.ts";
import { publishArticle } from "../../lib/publications/publish-article.ts";
import { servePublicPage } from "../../lib/publications/serve-public-page.ts";
import { createTeamWithMembers } from "../support/factories.ts";

let server: Server;
let origin: string;
let path: string;
let passedOn = 0;

beforeAll(async () => {
  const team = await createTeamWithMembers();
  const article = await createArticle({
    actor: team.annotator.actor,
    teamSlug: team.slug,
    input: {
      title: "Council budget",
      format: "text",
      content: "The council approved a budget of 41 million euros on Tuesday. ".repeat(40),
    },
  });
  path = (await publishArticle({ actor: team.moderator.actor, articleId: article.id })).url;
  server = createServer((req, res) => {
    void servePublicPage(req, res).then((served) => {
      if (served) return;
      passedOn += 1;
      res.writeHead(418).end("next");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await stopPublicPageListener();
});

/** A raw GET (Node's fetch would decode the body itself and hide the coding). */
async function raw(target: string, headers: Record<string, string> = {}, method = "GET") {
  const { request } = await import("node:http");
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(`${origin}${target}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on("error", reject);
      req.end();
    },
  );
}

describe("published pages before Next", () => {
  it("answers in brotli, gzip or plain, the same page each time, framable by any site", async () => {
    const plain = await raw(path);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const html = plain.body.toString("utf8");
    expect(html).toContain("Council budget");
    expect(String(plain.headers["content-security-policy"])).toContain("frame-ancestors *");
    expect(plain.headers["x-content-type-options"]).toBe("nosniff");
    expect(plain.headers.vary).toBe("Accept-Encoding");

    const br = await raw(path, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString("utf8")).toBe(html);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    const gzip = await raw(path, { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString("utf8")).toBe(html);

    const again = await raw(path, { "accept-encoding": "br", "if-none-match": String(br.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("HEAD has the headers and no body; an unknown address is 404; other methods go on to Next", async () => {
    const head = await raw(path, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const unknown = await raw("/p/AAAAAAAAAAAAAAAAAAAAAA");
    expect(unknown.status).toBe(404);
    expect(unknown.body.toString()).toContain("This page is not published");
    expect(String(unknown.headers["cache-control"])).toBe("no-store");
    const before = passedOn;
    expect((await raw(path, {}, "POST")).status).toBe(418);
    expect((await raw(`${path}/extra`)).status).toBe(418);
    expect(passedOn).toBe(before + 2);
  });
});
