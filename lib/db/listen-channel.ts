// LISTEN on a PostgreSQL channel from a dedicated connection that comes back by itself: what the
// websocket server's access re-checks (lib/collab/listen-access-changes.ts) and the public pages'
// cache (lib/publications/public-page-cache.ts) build on.
import "server-only";
import pg from "pg";
import { getLogger } from "../observability/logger.ts";

/** A running subscription to one channel. */
export interface ChannelListener {
  /** Whether the LISTEN connection is up right now. */
  readonly listening: boolean;
  /** Ends the subscription and its connection. */
  close(): Promise<void>;
}

export interface ListenChannelOptions {
  connectionString: string;
  /** A PostgreSQL identifier (letters, digits, underscores). */
  channel: string;
  /** What the log lines call this listener ("[collab] access-change listener"). */
  label: string;
  /** Called with every notification's payload, in commit order. */
  onPayload(payload: string): void;
  /**
   * Called each time LISTEN is (re-)established. Notifications sent while the connection was down
   * are lost, so the receiver should re-check everything it holds here.
   */
  onListening?(): void;
  /** Called when the connection is lost (before reconnecting): stop trusting what it told you. */
  onLost?(): void;
  /** Longest wait between reconnection attempts (default 10 s; the first is about 250 ms). */
  maxBackoffMs?: number;
}

/**
 * Subscribes to a channel on a dedicated connection (LISTEN needs a session of its own: a pooled
 * connection would be handed to other queries). When the connection fails or the server drops it,
 * it reconnects with exponential backoff and jitter until closed.
 * @throws Error when the channel is not a plain identifier; otherwise nothing (failures are logged
 *   once per outage and retried)
 */
export function listenChannel(options: ListenChannelOptions): ChannelListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`invalid channel name ${options.channel}`);
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let outageLogged = false;

  const retry = () => {
    if (closed || retryTimer) return;
    const delay = Math.min(maxBackoffMs, 250 * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
    retryTimer.unref();
  };

  const drop = (dropped: pg.Client, error?: unknown) => {
    if (client !== dropped) return;
    client = null;
    const wasListening = listening;
    listening = false;
    if (wasListening) options.onLost?.();
    if (!closed && !outageLogged) {
      outageLogged = true;
      getLogger().warn(
        { detail: error instanceof Error ? error.message : "" },
        `${options.label} lost its database connection; reconnecting`,
      );
    }
    dropped.end().catch(() => {});
    retry();
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const next = new pg.Client({ connectionString: options.connectionString, keepAlive: true });
    client = next;
    // A late error from a client already given up on must not become an unhandled 'error'.
    next.on("error", (error) => drop(next, error));
    next.on("end", () => drop(next));
    next.on("notification", (message) => {
      if (message.channel === options.channel && message.payload) options.onPayload(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${options.channel}`);
    } catch (error) {
      drop(next, error);
      return;
    }
    if (client !== next || closed) {
      await next.end().catch(() => {});
      return;
    }
    listening = true;
    attempt = 0;
    if (outageLogged) getLogger().warn(`${options.label} reconnected`);
    outageLogged = false;
    options.onListening?.();
  }

  void connect();
  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      listening = false;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
