import type { Server } from "node:http";

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is shorter than the
 * idle timeout of common load balancers (60 s) and of browsers, and a client that reuses a
 * connection just as the server's timer closes it gets a reset instead of an answer; under
 * load, when the event loop runs late, that timer fires before the waiting request is read.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Applies the keep-alive and header timeouts to the app's HTTP server. @throws nothing */
export function configureKeepAlive(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Must exceed keepAliveTimeout, or Node may cut a reused connection while reading headers.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
}
