// The one place a webhook delivery leaves the server, through the shared fetcher (lib/fetch):
// its address rules (private, loopback and link-local addresses refused at connect time unless
// listed in FETCH_ALLOW_HOSTS), its User-Agent and timeouts. Delivery rules on top: a POST,
// redirects not followed (a 3xx is returned and counts as a failure), 15 s for the whole
// exchange, the first 1 KB of the answer kept for the log.
import { AppError } from "../errors.ts";
import { fetchUrl } from "../fetch/fetch-url.ts";

/** How long one attempt may take (connect, send, answer), in milliseconds. */
export const DELIVERY_TIMEOUT_MS = 15_000;

/** How much of the receiver's answer the delivery log keeps. */
export const RESPONSE_EXCERPT_BYTES = 1024;

/** What came back from one attempt. */
export interface DeliveryResponse {
  /** The HTTP status, or null when no answer came (refused, blocked address, timeout). */
  status: number | null;
  /** The first 1 KB of the body as text (UTF-8, replacement characters for invalid bytes). */
  body: string;
  retryAfter: string | null;
  /** Why there was no answer (the fetcher's error code and message), or that a redirect was not followed. */
  error: string | null;
  durationMs: number;
}

/** POSTs a delivery and reports what came back; never throws (a failure is an answer too). */
export async function sendWebhookRequest(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs = Number(process.env.WEBHOOK_TIMEOUT_MS) || DELIVERY_TIMEOUT_MS,
): Promise<DeliveryResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const result = await fetchUrl(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      followRedirects: false,
      returnErrorStatuses: true,
      truncateBody: true,
      maxBytes: RESPONSE_EXCERPT_BYTES,
      totalTimeoutMs: timeoutMs,
      connectTimeoutMs: Math.min(5_000, timeoutMs),
    });
    const redirect = result.status >= 300 && result.status < 400;
    return {
      status: result.status,
      body: result.body.toString("utf8"),
      retryAfter: result.headers["retry-after"] ?? null,
      error: redirect ? `redirect to ${result.headers.location ?? "?"} not followed` : null,
      durationMs: elapsed(),
    };
  } catch (error) {
    const reason = error instanceof AppError ? `${error.code}: ${error.message}` : "request failed";
    return { status: null, body: "", retryAfter: null, error: reason, durationMs: elapsed() };
  }
}
