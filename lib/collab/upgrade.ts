import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Hocuspocus } from "@hocuspocus/server";
import { type WebSocket, WebSocketServer } from "ws";
import { parseTrustProxy, prepareIncomingRequest } from "../http/client-address.ts";
import {
  ConnectionThrottle,
  type ConnectionThrottleLimits,
  connectionThrottleLimitsFromEnv,
} from "./connection-throttle.ts";
import {
  DEFAULT_SOCKET_GUARD_LIMITS,
  messageBytes,
  SocketGuard,
  type SocketGuardLimits,
} from "./socket-guard.ts";

/** The path the browser opens its collaboration websocket on. */
export const COLLAB_PATH = "/collab";

/** The largest websocket message a client may send (a big paste into the body fits). */
export const DEFAULT_COLLAB_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** How a socket is closed when the database failed while opening a document ("try again later"). */
export const UNAVAILABLE_CLOSE = { code: 1013, reason: "unavailable" } as const;

/** Hands an upgrade that is not for /collab to someone else (Next's HMR in development). */
export type UpgradeFallback = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface AttachCollabOptions {
  /** Largest incoming websocket message in bytes (default 1 MB); larger ones close the socket. */
  maxPayload?: number;
  /** Where other upgrades go; without one they are refused. */
  fallback?: UpgradeFallback;
  /** What one socket may make the server hold (see socket-guard.ts). */
  guardLimits?: SocketGuardLimits;
  /** Connections per client address (see connection-throttle.ts); defaults from the environment. */
  throttleLimits?: ConnectionThrottleLimits;
  /** Trusted reverse-proxy hops (client-address.ts); defaults to TRUST_PROXY. */
  trustProxyHops?: number;
}

// Puts a SocketGuard between the socket and Hocuspocus: incoming messages pass through
// inspectIncoming before any 'message' listener runs, and the server's answers are observed.
function guardSocket(socket: WebSocket, guard: SocketGuard): void {
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  const guardedEmit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event === "message") {
      const bytes = messageBytes(args[0]);
      const verdict = bytes ? guard.inspectIncoming(bytes) : "pass";
      if (verdict === "drop") return false;
      if (verdict === "close") {
        socket.close(1008, guard.closeReason);
        return false;
      }
    }
    return emit(event, ...args);
  };
  socket.emit = guardedEmit as typeof socket.emit;
  const send = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
  const observedSend = (data: unknown, ...rest: unknown[]): void => {
    const bytes = messageBytes(data);
    const verdict = bytes ? guard.observeOutgoing(bytes) : null;
    send(data, ...rest);
    // After the refusal (so the provider learns why): its socket reconnects with backoff.
    if (verdict === "retry-later") socket.close(UNAVAILABLE_CLOSE.code, UNAVAILABLE_CLOSE.reason);
  };
  socket.send = observedSend as typeof socket.send;
}

/** Whether a request path is the collaboration endpoint (`/collab` or below it). */
export function isCollabPath(url: string | undefined): boolean {
  const path = (url ?? "").split("?")[0] ?? "";
  return path === COLLAB_PATH || path.startsWith(`${COLLAB_PATH}/`);
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Whether a websocket handshake comes from this site. Browsers always send Origin on
 * websocket handshakes and the session cookie rides along, so a foreign Origin is a
 * cross-site websocket hijacking attempt. Clients without Origin (scripts, tests) carry their
 * cookie deliberately.
 */
export function isSameOriginUpgrade(request: IncomingMessage, trustProxyHops = parseTrustProxy()): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  const host = originHost(origin);
  if (!host) return false;
  const allowed = new Set<string>();
  if (request.headers.host) allowed.add(request.headers.host);
  const forwardedHost = request.headers["x-forwarded-host"];
  if (trustProxyHops > 0 && typeof forwardedHost === "string")
    allowed.add(forwardedHost.split(",")[0]!.trim());
  const publicUrl = process.env.NEXTAUTH_URL ? originHost(process.env.NEXTAUTH_URL) : null;
  if (publicUrl) allowed.add(publicUrl);
  return allowed.has(host);
}

/**
 * Answers a websocket handshake with a plain HTTP error and closes the socket once it is sent.
 * @throws nothing
 */
export function refuseUpgrade(
  socket: Duplex,
  status: "403 Forbidden" | "404 Not Found" | "429 Too Many Requests",
): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}

/** The running /collab endpoint on an HTTP server. */
export interface AttachedCollab {
  webSocketServer: WebSocketServer;
  /** Stops routing upgrades and cuts every upgraded socket, ours and Next's (close Hocuspocus first to flush). */
  close(): Promise<void>;
}

/**
 * Routes the HTTP server's websocket upgrades: `/collab` (and below) to Hocuspocus, every
 * other path to `fallback`. It is the server's only 'upgrade' listener.
 * @throws nothing
 */
export function attachCollab(
  httpServer: Server,
  hocuspocus: Hocuspocus,
  options: AttachCollabOptions = {},
): AttachedCollab {
  const webSocketServer = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayload ?? DEFAULT_COLLAB_MAX_PAYLOAD_BYTES,
  });
  const limits = options.guardLimits ?? DEFAULT_SOCKET_GUARD_LIMITS;
  const trustProxyHops = options.trustProxyHops ?? parseTrustProxy();
  const throttle = new ConnectionThrottle(options.throttleLimits ?? connectionThrottleLimitsFromEnv());
  webSocketServer.on("connection", (socket, request: IncomingMessage) => {
    socket.on("error", () => socket.terminate());
    guardSocket(socket, new SocketGuard(limits));
    hocuspocus.handleConnection(socket, request);
  });

  // Upgraded sockets are no longer the HTTP server's connections: server.close() would wait for
  // them forever (an open browser tab's HMR socket), so they are tracked here and cut on close.
  const upgradedSockets = new Set<Duplex>();
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    upgradedSockets.add(socket);
    socket.once("close", () => upgradedSockets.delete(socket));
    if (!isCollabPath(request.url)) {
      if (options.fallback) options.fallback(request, socket, head);
      else refuseUpgrade(socket, "404 Not Found");
      return;
    }
    if (!isSameOriginUpgrade(request, trustProxyHops)) {
      refuseUpgrade(socket, "403 Forbidden");
      return;
    }
    // The address the connection limits count; without a trusted proxy, forwarded headers go.
    const address = prepareIncomingRequest(request, trustProxyHops);
    if (!throttle.tryAcquire(address)) {
      refuseUpgrade(socket, "429 Too Many Requests");
      return;
    }
    socket.once("close", () => throttle.release(address));
    webSocketServer.handleUpgrade(request, socket, head, (ws) => {
      webSocketServer.emit("connection", ws, request);
    });
  };
  httpServer.on("upgrade", onUpgrade);

  return {
    webSocketServer,
    async close() {
      httpServer.off("upgrade", onUpgrade);
      for (const client of webSocketServer.clients) client.terminate();
      for (const socket of upgradedSockets) socket.destroy();
      await new Promise<void>((resolve) => webSocketServer.close(() => resolve()));
    },
  };
}
