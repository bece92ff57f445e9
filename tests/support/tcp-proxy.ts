// A TCP proxy for fault tests: real sockets between the code under test and a real service
// (PostgreSQL, Redis), which a test can cut as if the service stopped and bring back. Nothing
// is mocked: the client libraries see exactly what they would see on a real outage (reset
// connections, then refused connections), and the service itself keeps its data.
import { connect, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  /** The port the proxy listens on (127.0.0.1); it stays the same across cut()/restore(). */
  readonly port: number;
  /** Whether connections are currently forwarded. */
  readonly up: boolean;
  /** Connections accepted since the proxy started (each forwarded to the target). */
  accepted(): number;
  /**
   * Simulates the service going away: resets every open connection (TCP RST) and stops
   * listening, so new connections are refused (ECONNREFUSED) until restore().
   */
  cut(): Promise<void>;
  /** Listens again on the same port and forwards new connections. */
  restore(): Promise<void>;
  /** Closes everything for good. */
  close(): Promise<void>;
}

function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

/**
 * Starts a proxy on a free port of 127.0.0.1 that forwards to `target`.
 * @throws Error when it cannot listen
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  let up = true;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = createServer((client) => {
    accepted += 1;
    track(client);
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once("close", () => upstream.destroy());
    upstream.once("close", () => client.destroy());
  });
  const port = await listenOn(server, 0);
  const resetAll = () => {
    for (const socket of sockets) {
      if (typeof socket.resetAndDestroy === "function" && !socket.destroyed) socket.resetAndDestroy();
      else socket.destroy();
    }
    sockets.clear();
  };
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  return {
    port,
    get up() {
      return up;
    },
    accepted: () => accepted,
    async cut() {
      up = false;
      const closed = stopListening();
      resetAll();
      await closed;
    },
    async restore() {
      if (server.listening) return;
      await listenOn(server, port);
      up = true;
    },
    async close() {
      up = false;
      const closed = stopListening();
      resetAll();
      await closed;
    },
  };
}

/** The same URL with host and port replaced by the proxy's (postgres://, redis://). */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const parsed = new URL(url);
  parsed.hostname = "127.0.0.1";
  parsed.port = String(proxy.port);
  return parsed.toString();
}
