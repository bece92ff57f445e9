import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

function normalizeAddress(address: string): string {
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * The caller's address: the socket's peer, or with `trustProxy` the first X-Forwarded-For hop
 * (the client as the proxy saw it). Whatever the client sent in our own header is ignored.
 * @throws nothing
 */
export function clientAddressOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first && isIP(first)) return normalizeAddress(first);
  }
  return normalizeAddress(req.socket.remoteAddress ?? "unknown");
}
