// A webhook receiver on a loopback port for the tests: it verifies every delivery with the
// standardwebhooks verifier (under each secret it is told), records it, and answers as the test
// scripts it (a queue of responses, then a default).
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  /** Which of the receiver's secrets verified the signature (by index); empty when none did. */
  verifiedBy: number[];
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface TestReceiver {
  url: string;
  received: ReceivedDelivery[];
  /** Deliveries to one path. */
  at(path: string): ReceivedDelivery[];
  /** Answers for one path, in order; after them `fallback` (default 200). */
  script(path: string, responses: ScriptedResponse[], fallback?: ScriptedResponse): void;
  /** The secrets every delivery is verified with. */
  secrets: string[];
  /** A custom answer by path and webhook-id (null: use the script); set by the test. */
  respond?: (path: string, webhookId: string) => ScriptedResponse | null;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 and a free port. */
export async function startTestReceiver(): Promise<TestReceiver> {
  const received: ReceivedDelivery[] = [];
  const scripts = new Map<string, { queue: ScriptedResponse[]; fallback: ScriptedResponse }>();
  const secrets: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "/";
      const verifiedBy: number[] = [];
      secrets.forEach((secret, index) => {
        try {
          new Webhook(secret).verify(body, {
            "webhook-id": String(req.headers["webhook-id"]),
            "webhook-timestamp": String(req.headers["webhook-timestamp"]),
            "webhook-signature": String(req.headers["webhook-signature"]),
          });
          verifiedBy.push(index);
        } catch {}
      });
      received.push({ path, headers: req.headers, body, at: Date.now(), verifiedBy });
      const script = scripts.get(path);
      const custom = receiver.respond?.(path, String(req.headers["webhook-id"]));
      const response = custom ?? script?.queue.shift() ?? script?.fallback ?? { status: 200, body: "ok" };
      res.writeHead(response.status, { "content-type": "text/plain", ...(response.headers ?? {}) });
      res.end(response.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: TestReceiver = {
    url: `http://127.0.0.1:${port}`,
    received,
    secrets,
    at: (path) => received.filter((delivery) => delivery.path === path),
    script(path, responses, fallback = { status: 200, body: "ok" }) {
      scripts.set(path, { queue: [...responses], fallback });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}

/** Waits until `check` returns a truthy value (polling every 50 ms), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs = 15_000,
  what = "condition",
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
