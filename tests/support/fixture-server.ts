import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type FixtureHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
) => void | Promise<void>;

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` (or `http://[::1]:<port>` for an IPv6-only server). */
  origin: string;
  port: number;
  /** `127.0.0.1:<port>`: the value to put in FETCH_ALLOW_HOSTS. */
  hostPort: string;
  /** Requests received, in order (method and path). */
  requests: { method: string; path: string; headers: IncomingMessage["headers"]; body: Buffer }[];
  /** TCP connections accepted (a refused fetch must open none). */
  connections: number;
  /** Replaces or adds a route (exact path, without the query string). */
  route(path: string, handler: FixtureHandler): void;
  close(): Promise<void>;
}

/**
 * An HTTP server on a free loopback port for fetcher and import tests. `host: "::"` listens on
 * every loopback form at once (127.0.0.1, ::1, ::ffff:127.0.0.1): the "blocked" server uses it so
 * that any address form reaching it would be counted.
 */
export async function startFixtureServer(
  routes: Record<string, FixtureHandler> = {},
  { host = "127.0.0.1" }: { host?: string } = {},
): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const sockets = new Set<Socket>();
  const state: FixtureServer = {
    origin: "",
    port: 0,
    hostPort: "",
    requests: [],
    connections: 0,
    route(path, handler) {
      table.set(path, handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    state.requests.push({ method: req.method ?? "GET", path, headers: req.headers, body });
    const handler = table.get(path);
    if (!handler) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    try {
      await handler(req, res, body);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  server.on("connection", (socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  state.port = port;
  state.origin =
    host.includes(":") && host !== "::" ? `http://[${host}]:${port}` : `http://127.0.0.1:${port}`;
  state.hostPort = `127.0.0.1:${port}`;
  return state;
}

/** A handler answering with `body` and the given content type (and any extra headers). */
export function respondWith(
  body: string | Buffer,
  contentType = "text/html; charset=utf-8",
  headers: Record<string, string> = {},
): FixtureHandler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": contentType, ...headers }).end(body);
  };
}

/** A handler redirecting (302 unless told) to the `to` query parameter or a fixed location. */
export function redirectTo(location?: string, status = 302): FixtureHandler {
  return (req, res) => {
    const to = location ?? new URL(req.url ?? "/", "http://x").searchParams.get("to") ?? "/";
    res.writeHead(status, { location: to }).end();
  };
}
