import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import proxyaddr from "proxy-addr";

/** The header through which the server tells the app the caller's address (rate limits). */
export const CLIENT_IP_HEADER = "x-proofmark-client-ip";

/** Headers a proxy sets about the original request; only a trusted proxy's count. */
export const FORWARDED_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
] as const;

const MAX_TRUSTED_HOPS = 10;

/**
 * The number of trusted reverse-proxy hops in front of the server, from TRUST_PROXY
 * (`proxy-addr` semantics: 1 means the socket's peer is a proxy of ours and the rightmost
 * X-Forwarded-For address is the client). Unset, empty, "0" or "false": none.
 * @throws Error naming TRUST_PROXY when the value is not a whole number from 0 to 10
 */
export function parseTrustProxy(value: string | undefined = process.env.TRUST_PROXY): number {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "" || text === "false") return 0;
  if (/^\d{1,2}$/.test(text) && Number(text) <= MAX_TRUSTED_HOPS) return Number(text);
  throw new Error(
    `TRUST_PROXY must be the number of trusted proxy hops (0 to ${MAX_TRUSTED_HOPS}; 1 behind one reverse proxy), not ${JSON.stringify(value)}`,
  );
}

function normalizeAddress(address: string): string {
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * The caller's address: the socket's peer, or behind `trustedHops` proxies the rightmost
 * X-Forwarded-For address not added by one of them (proxy-addr), so addresses a client wrote
 * into the header itself never count. Our own client-address header is never read.
 * @throws nothing
 */
export function clientAddressOf(req: IncomingMessage, trustedHops: number): string {
  const peer = normalizeAddress(req.socket?.remoteAddress ?? "unknown");
  if (trustedHops <= 0 || !req.socket?.remoteAddress) return peer;
  const address = proxyaddr(req, (_address, hop) => hop < trustedHops);
  return isIP(address) ? normalizeAddress(address) : peer;
}

/**
 * Prepares an incoming request for the app: sets CLIENT_IP_HEADER to the caller's address
 * (overwriting whatever the client sent in it) and, without a trusted proxy, removes every
 * forwarded header, so neither Next (server-action Origin checks read X-Forwarded-Host) nor
 * our own code can be told another host, scheme or address by the client.
 * @throws nothing
 */
export function prepareIncomingRequest(req: IncomingMessage, trustedHops: number): string {
  const address = clientAddressOf(req, trustedHops);
  if (trustedHops <= 0) for (const name of FORWARDED_HEADERS) delete req.headers[name];
  req.headers[CLIENT_IP_HEADER] = address;
  return address;
}
