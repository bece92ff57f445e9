// The one place a webhook delivery leaves the server. DESIGN.md wants every outbound request to
// go through the shared fetcher (lib/fetch/, being written on the `import` branch: address
// rules, FETCH_ALLOW_HOSTS, User-Agent). Until it lands, this sends the POST with Node's http
// client under the delivery rules (no redirects followed, 15 s timeout, first 1 KB of the
// answer kept); switching to the fetcher changes this file only.
import http from "node:http";
import https from "node:https";

/** How long one attempt may take (connect, send, answer), in milliseconds. */
export const DELIVERY_TIMEOUT_MS = 15_000;

/** How much of the receiver's answer the delivery log keeps. */
export const RESPONSE_EXCERPT_BYTES = 1024;

/** What came back from one attempt. */
export interface DeliveryResponse {
  /** The HTTP status, or null when no answer came (refused, timeout, bad URL). */
  status: number | null;
  /** The first 1 KB of the body as text (UTF-8, replacement characters for invalid bytes). */
  body: string;
  retryAfter: string | null;
  /** Why there was no answer, or that a redirect was not followed. */
  error: string | null;
  durationMs: number;
}

/**
 * POSTs a delivery and reports what came back; never throws (a failure is an answer too).
 * Redirects are not followed: a 3xx is returned as is and counts as a failure.
 */
export function sendWebhookRequest(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs = Number(process.env.WEBHOOK_TIMEOUT_MS) || DELIVERY_TIMEOUT_MS,
): Promise<DeliveryResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (response: Omit<DeliveryResponse, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...response, durationMs: elapsed() });
    };
    let target: URL;
    try {
      target = new URL(url);
      if (target.protocol !== "http:" && target.protocol !== "https:") throw new Error("not http(s)");
    } catch {
      finish({ status: null, body: "", retryAfter: null, error: "invalid URL" });
      return;
    }
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(target, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Proofmark-Webhooks/1.0",
        "content-length": String(Buffer.byteLength(body)),
        ...headers,
      },
      agent: false,
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish({ status: null, body: "", retryAfter: null, error: `no answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) =>
      finish({ status: null, body: "", retryAfter: null, error: error.code ?? "request failed" }),
    );
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const status = response.statusCode ?? null;
      const retryAfter = (response.headers["retry-after"] as string | undefined) ?? null;
      const redirect =
        status !== null && status >= 300 && status < 400
          ? `redirect to ${response.headers.location ?? "?"} not followed`
          : null;
      const done = () =>
        finish({
          status,
          body: Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8"),
          retryAfter,
          error: redirect,
        });
      response.on("data", (chunk: Buffer) => {
        if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_EXCERPT_BYTES) {
          done();
          response.destroy();
        }
      });
      response.on("end", done);
      response.on("error", done);
      response.on("close", done);
    });
    request.end(body);
  });
}
