import { spawn } from "node:child_process";
import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAllowedHost, parseAllowedHosts } from "../../lib/fetch/allowed-hosts.ts";
import { FETCH_USER_AGENT, type FetchOptions, fetchUrl } from "../../lib/fetch/fetch-url.ts";
import { refusal } from "../support/app-error.ts";
import {
  type FixtureServer,
  redirectTo,
  respondWith,
  startFixtureServer,
} from "../support/fixture-server.ts";

let allowed: FixtureServer;
let blocked: FixtureServer;
let opts: FetchOptions;

beforeAll(async () => {
  // The blocked server listens on every loopback form (dual stack): any form that reached it is counted.
  blocked = await startFixtureServer({ "/": respondWith("secret") }, { host: "::" });
  allowed = await startFixtureServer({
    "/page": respondWith("<p>hello</p>", "text/html; charset=ISO-8859-1", { "x-fixture": "yes" }),
    "/redirect": redirectTo(),
    "/echo": (req, res, body) => {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ method: req.method, body: body.toString(), headers: req.headers }));
    },
    "/not-found": (_req, res) => {
      res.writeHead(404).end("gone");
    },
    "/pdf": respondWith(Buffer.from("%PDF-1.4"), "application/pdf"),
    "/big-declared": (_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html", "content-length": String(2048) })
        .end("x".repeat(2048));
    },
    "/big-chunked": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      for (let i = 0; i < 8; i++) res.write("x".repeat(512));
      res.end();
    },
    "/gzip-bomb": respondWith(gzipSync(Buffer.alloc(64 * 1024, 0x61)), "text/html", {
      "content-encoding": "gzip",
    }),
    "/gzip": respondWith(gzipSync(Buffer.from("<p>zipped</p>")), "text/html", { "content-encoding": "gzip" }),
    "/hang": () => {
      // never answers
    },
    "/drip": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const timer = setInterval(() => res.write("."), 50);
      res.on("close", () => clearInterval(timer));
    },
    "/303": redirectTo("/echo", 303),
    "/307": redirectTo("/echo", 307),
  });
  for (let i = 1; i <= 6; i++) allowed.route(`/chain${i}`, redirectTo(i === 6 ? "/page" : `/chain${i + 1}`));
  opts = { allowHosts: [allowed.hostPort] };
});

afterAll(async () => {
  await allowed?.close();
  await blocked?.close();
});

describe("fetchUrl: what it returns", () => {
  it("returns status, headers, final URL, content type, charset and the body bytes, with its User-Agent", async () => {
    const result = await fetchUrl(`${allowed.origin}/page`, opts);
    expect(result.status).toBe(200);
    expect(result.url).toBe(`${allowed.origin}/page`);
    expect(result.contentType).toBe("text/html");
    expect(result.charset).toBe("iso-8859-1");
    expect(result.headers["x-fixture"]).toBe("yes");
    expect(result.body.toString()).toBe("<p>hello</p>");
    expect(allowed.requests.at(-1)?.headers["user-agent"]).toBe(FETCH_USER_AGENT);
  });

  it("follows redirects and reports the final URL", async () => {
    const result = await fetchUrl(`${allowed.origin}/redirect?to=/page`, opts);
    expect(result.url).toBe(`${allowed.origin}/page`);
    expect(result.redirects).toEqual([`${allowed.origin}/redirect?to=/page`, `${allowed.origin}/page`]);
  });

  it("POSTs a body with headers; 307 keeps it, 303 turns into a GET", async () => {
    const post: FetchOptions = {
      ...opts,
      method: "POST",
      body: JSON.stringify({ a: 1 }),
      headers: { "Content-Type": "application/json", "X-Signature": "v1,abc" },
    };
    const direct = JSON.parse((await fetchUrl(`${allowed.origin}/echo`, post)).body.toString());
    expect(direct).toMatchObject({ method: "POST", body: '{"a":1}' });
    expect(direct.headers).toMatchObject({ "content-type": "application/json", "x-signature": "v1,abc" });
    const kept = JSON.parse((await fetchUrl(`${allowed.origin}/307`, post)).body.toString());
    expect(kept).toMatchObject({ method: "POST", body: '{"a":1}' });
    const turned = JSON.parse((await fetchUrl(`${allowed.origin}/303`, post)).body.toString());
    expect(turned).toMatchObject({ method: "GET", body: "" });
  });

  it("decodes gzip", async () => {
    expect((await fetchUrl(`${allowed.origin}/gzip`, opts)).body.toString()).toBe("<p>zipped</p>");
  });
});

describe("fetchUrl: blocked addresses", () => {
  const local = () => [
    `http://localhost:${blocked.port}/`,
    `http://127.0.0.1:${blocked.port}/`,
    `http://127.1.2.3:${blocked.port}/`,
    `http://[::1]:${blocked.port}/`,
    `http://[::ffff:127.0.0.1]:${blocked.port}/`,
    `http://2130706433:${blocked.port}/`,
    `http://0x7f.1:${blocked.port}/`,
    `http://0177.0.0.1:${blocked.port}/`,
    `http://0.0.0.0:${blocked.port}/`,
    `http://[::]:${blocked.port}/`,
  ];
  const remote = [
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://[ff02::1]/",
    "http://[::ffff:10.0.0.1]/",
    "https://[::ffff:169.254.169.254]/",
  ];

  it("refuses every loopback form as a URL, and the server receives nothing", async () => {
    for (const url of local()) {
      const error = await refusal(fetchUrl(url, opts));
      expect(error.code, url).toBe("fetch_blocked_address");
      expect(error.status).toBe(422);
    }
    expect(blocked.connections).toBe(0);
    expect(blocked.requests).toHaveLength(0);
  });

  it("refuses every loopback form as a redirect from an allowed host, and the server receives nothing", async () => {
    for (const url of local()) {
      const error = await refusal(fetchUrl(`${allowed.origin}/redirect?to=${encodeURIComponent(url)}`, opts));
      expect(error.code, url).toBe("fetch_blocked_address");
    }
    expect(blocked.connections).toBe(0);
    expect(blocked.requests).toHaveLength(0);
  });

  it("refuses private, link-local, CGNAT, multicast, unique-local and mapped addresses, directly and after a redirect", async () => {
    for (const url of remote) {
      expect((await refusal(fetchUrl(url, opts))).code, url).toBe("fetch_blocked_address");
      const viaRedirect = `${allowed.origin}/redirect?to=${encodeURIComponent(url)}`;
      expect((await refusal(fetchUrl(viaRedirect, opts))).code, viaRedirect).toBe("fetch_blocked_address");
    }
  });

  it("refuses schemes other than http and https, directly and after a redirect", async () => {
    for (const url of [
      "file:///etc/passwd",
      "ftp://example.com/",
      "gopher://127.0.0.1:70/",
      "data:text/html,hi",
    ]) {
      expect((await refusal(fetchUrl(url, opts))).code, url).toBe("fetch_blocked_address");
      const viaRedirect = `${allowed.origin}/redirect?to=${encodeURIComponent(url)}`;
      expect((await refusal(fetchUrl(viaRedirect, opts))).code, viaRedirect).toBe("fetch_blocked_address");
    }
  });

  it("refuses the allowed server itself when it is not in the allow list", async () => {
    const error = await refusal(fetchUrl(`${allowed.origin}/page`, { allowHosts: [] }));
    expect(error.code).toBe("fetch_blocked_address");
  });

  it("exempts a host by the name written in FETCH_ALLOW_HOSTS, read from the environment", async () => {
    const before = process.env.FETCH_ALLOW_HOSTS;
    process.env.FETCH_ALLOW_HOSTS = ` localhost:${blocked.port} , nonsense`;
    try {
      const ok = await fetchUrl(`http://localhost:${blocked.port}/`);
      expect(ok.body.toString()).toBe("secret");
      // Another spelling of the same address is not the named host.
      expect((await refusal(fetchUrl(`http://127.0.0.1:${blocked.port}/`))).code).toBe(
        "fetch_blocked_address",
      );
    } finally {
      if (before === undefined) delete process.env.FETCH_ALLOW_HOSTS;
      else process.env.FETCH_ALLOW_HOSTS = before;
      blocked.requests.length = 0;
      blocked.connections = 0;
    }
  });

  it("parses FETCH_ALLOW_HOSTS entries (a port is required)", () => {
    expect(parseAllowedHosts("Intranet.Example:8080, [::1]:3000,cms:80,noport, bad:99999")).toEqual([
      "intranet.example:8080",
      "[::1]:3000",
      "cms:80",
    ]);
    expect(isAllowedHost(new URL("http://cms/"), ["cms:80"])).toBe(true);
    expect(isAllowedHost(new URL("https://cms/"), ["cms:80"])).toBe(false);
  });
});

describe("fetchUrl: limits", () => {
  it("refuses a body over the size cap, declared or streamed or decompressed", async () => {
    for (const path of ["/big-declared", "/big-chunked", "/gzip-bomb"]) {
      const error = await refusal(fetchUrl(`${allowed.origin}${path}`, { ...opts, maxBytes: 1024 }));
      expect(error.code, path).toBe("fetch_too_large");
    }
    // Just under the cap passes.
    const ok = await fetchUrl(`${allowed.origin}/big-declared`, { ...opts, maxBytes: 2048 });
    expect(ok.body.length).toBe(2048);
  });

  it("gives up on a server that does not answer, or answers too slowly, within the total time", async () => {
    for (const path of ["/hang", "/drip"]) {
      const error = await refusal(fetchUrl(`${allowed.origin}${path}`, { ...opts, totalTimeoutMs: 300 }));
      expect(error.code, path).toBe("fetch_timeout");
      expect(error.status).toBe(424);
    }
  });

  it("gives up on a host that never completes the TCP handshake after the connect timeout, long before the total", async () => {
    // A listener whose process is stopped accepts nothing: once its accept queue is full, the
    // kernel drops further SYNs, so a new connection hangs in the handshake (a firewalled host).
    const child = spawn(
      process.execPath,
      [
        "-e",
        "require('net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, function () { console.log(this.address().port) })",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const sockets: Socket[] = [];
    try {
      const port = Number(String(await once(child.stdout!, "data")).trim());
      child.kill("SIGSTOP");
      // Fill the accept queue (backlog + 1 on Linux); the handshakes after that get no answer.
      for (let i = 0; i < 4; i++) sockets.push(connect(port, "127.0.0.1").on("error", () => {}));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const error = await refusal(
        fetchUrl(`http://127.0.0.1:${port}/`, {
          allowHosts: [`127.0.0.1:${port}`],
          connectTimeoutMs: 300,
          totalTimeoutMs: 120_000,
        }),
      );
      expect(error.code).toBe("fetch_timeout");
      expect(error.status).toBe(424);
    } finally {
      for (const socket of sockets) socket.destroy();
      child.kill("SIGKILL");
    }
  }, 20_000);

  it("refuses content types that are not allowed", async () => {
    const error = await refusal(
      fetchUrl(`${allowed.origin}/pdf`, { ...opts, allowedContentTypes: ["text/html"] }),
    );
    expect(error.code).toBe("fetch_unsupported_type");
    expect(error.details).toMatchObject({ contentType: "application/pdf" });
    const ok = await fetchUrl(`${allowed.origin}/pdf`, { ...opts, allowedContentTypes: ["application/pdf"] });
    expect(ok.contentType).toBe("application/pdf");
  });

  it("reports an upstream error status", async () => {
    const error = await refusal(fetchUrl(`${allowed.origin}/not-found`, opts));
    expect(error.code).toBe("fetch_http_error");
    expect(error.details).toMatchObject({ upstreamStatus: 404 });
  });

  it("treats a redirect as a failure with followRedirects: false", async () => {
    const error = await refusal(
      fetchUrl(`${allowed.origin}/redirect?to=/page`, { ...opts, followRedirects: false }),
    );
    expect(error.code).toBe("fetch_http_error");
    expect(error.details).toMatchObject({ upstreamStatus: 302 });
  });

  it("follows at most five redirects", async () => {
    const five = await fetchUrl(`${allowed.origin}/chain2`, opts);
    expect(five.url).toBe(`${allowed.origin}/page`);
    const error = await refusal(fetchUrl(`${allowed.origin}/chain1`, opts));
    expect(error.code).toBe("fetch_http_error");
  });

  it("reports a refused connection and an unknown host as fetch_failed", async () => {
    const closed = await startFixtureServer();
    const hostPort = closed.hostPort;
    await closed.close();
    const error = await refusal(fetchUrl(`http://${hostPort}/`, { allowHosts: [hostPort] }));
    expect(error.code).toBe("fetch_failed");
    const unknown = await refusal(fetchUrl("http://no-such-host.invalid/", opts));
    expect(unknown.code).toBe("fetch_failed");
  });

  it("rejects something that is not a URL as invalid input", async () => {
    expect((await refusal(fetchUrl("not a url", opts))).code).toBe("invalid_input");
  });
});
