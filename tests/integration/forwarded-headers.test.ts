// Issue 20 item 1 / issue 21 item 4: a client cannot choose the address that sign-in throttling
// and the websocket connection limits count by writing forwarded headers, with or without a
// trusted proxy in front (TRUST_PROXY hops, proxy-addr semantics). Real HTTP servers on
// loopback, real PostgreSQL, real websockets; the throttle's clock is injected.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { signInRequestInfo } from "../../lib/auth/options.ts";
import { signInWithPassword } from "../../lib/auth/sign-in-with-password.ts";
import { closeCollabServer, createCollabServer } from "../../lib/collab/server.ts";
import { attachCollab, COLLAB_PATH } from "../../lib/collab/upgrade.ts";
import { AppError } from "../../lib/errors.ts";
import { prepareIncomingRequest } from "../../lib/http/client-address.ts";

vi.hoisted(() => {
  process.env.BCRYPT_COST ??= "4";
});

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

async function listen(server: ReturnType<typeof createServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => resolve(body));
  });
}

/**
 * A sign-in endpoint wired like server.ts and next-auth's authorize: the server prepares the
 * request, the app reads the client address from our header. Answers the error code or "ok".
 */
async function signInServer(trustProxyHops: number, clock: () => Date): Promise<string> {
  const server = createServer(async (req, res) => {
    prepareIncomingRequest(req, trustProxyHops);
    const { email, password } = JSON.parse(await readBody(req)) as { email: string; password: string };
    const ip = signInRequestInfo(req.headers).ip ?? "unknown";
    const outcome = await signInWithPassword({ email, password, ip, now: clock() }).then(
      () => "ok",
      (error: unknown) => (error instanceof AppError ? error.code : "error"),
    );
    res.end(outcome);
  });
  return `http://127.0.0.1:${await listen(server)}`;
}

let run = 0;
/** Eleven failures for made-up accounts, each naming a different client in forged headers. */
async function sprayWithForgedHeaders(url: string, forged: (i: number) => Record<string, string>) {
  run += 1;
  const outcomes: string[] = [];
  for (let i = 0; i < 11; i++) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...forged(i) },
      body: JSON.stringify({ email: `made-up-${run}-${i}@example.test`, password: "guess" }),
    });
    outcomes.push(await response.text());
  }
  return outcomes;
}

describe("sign-in throttling counts the real client", () => {
  const now = new Date();
  const clock = () => now;

  it("without a proxy: forged X-Forwarded-For, Forwarded and X-Real-IP change nothing", async () => {
    const url = await signInServer(0, clock);
    const outcomes = await sprayWithForgedHeaders(url, (i) => ({
      "x-forwarded-for": `198.51.100.${i + 1}`,
      forwarded: `for=198.51.100.${i + 1}`,
      "x-real-ip": `198.51.100.${i + 1}`,
      "x-proofmark-client-ip": `198.51.100.${i + 1}`,
    }));
    // Ten free failures from the one real address (127.0.0.1), then the address is held.
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill("unauthenticated"));
    expect(outcomes[10]).toBe("rate_limited");
  });

  it("behind one trusted proxy: addresses the client prepended change nothing, the proxy's one counts", async () => {
    const url = await signInServer(1, clock);
    // What a proxy that appends produces when the client sent its own X-Forwarded-For.
    const outcomes = await sprayWithForgedHeaders(url, (i) => ({
      "x-forwarded-for": `203.0.113.${i + 1}, 192.0.2.77`,
    }));
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill("unauthenticated"));
    expect(outcomes[10]).toBe("rate_limited");
    // Another real client behind the same proxy is not held.
    const other = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.78" },
      body: JSON.stringify({ email: "made-up-other@example.test", password: "guess" }),
    });
    expect(await other.text()).toBe("unauthenticated");
  });
});

describe("websocket connection limits count the real client", () => {
  const sockets: WebSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.terminate();
  });

  async function collabServer(trustProxyHops: number): Promise<string> {
    const httpServer = createServer((_req, res) => res.end());
    const hocuspocus = createCollabServer({ accessRecheckIntervalMs: 0 });
    const attached = attachCollab(httpServer, hocuspocus, {
      throttleLimits: { maxConcurrent: 2, maxNewPerWindow: 100, windowMs: 60_000 },
      trustProxyHops,
    });
    closers.push(async () => {
      await closeCollabServer(hocuspocus, 500);
      await attached.close();
    });
    return `ws://127.0.0.1:${await listen(httpServer)}${COLLAB_PATH}`;
  }

  function open(url: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve) => {
      const socket = new WebSocket(url, { headers });
      sockets.push(socket);
      socket.once("open", () => resolve(101));
      socket.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      socket.once("error", () => {});
    });
  }

  it("without a proxy: a third connection is refused whatever the forged headers say", async () => {
    const url = await collabServer(0);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        await open(url, { "x-forwarded-for": `198.51.100.${i + 1}`, forwarded: `for=198.51.100.${i + 1}` }),
      );
    }
    expect(statuses).toEqual([101, 101, 429]);
  });

  it("behind one trusted proxy: the proxy's address counts, not what the client prepended", async () => {
    const url = await collabServer(1);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(await open(url, { "x-forwarded-for": `203.0.113.${i + 1}, 192.0.2.50` }));
    }
    expect(statuses).toEqual([101, 101, 429]);
    // Another client behind the proxy has connections of its own.
    expect(await open(url, { "x-forwarded-for": "192.0.2.51" })).toBe(101);
  });
});
