import pg from "pg";
import { getLogger } from "../observability/logger.ts";
import { ACCESS_CHANGE_CHANNEL, type TAccessChange, ZAccessChange } from "./signal-access-change.ts";

/** A running subscription to access-change signals. */
export interface AccessChangeListener {
  /** Whether the LISTEN connection is up right now. */
  readonly listening: boolean;
  /** Ends the subscription and its connection. */
  close(): Promise<void>;
}

export interface ListenAccessChangesOptions {
  connectionString: string;
  /** Called for every valid signal, in commit order. */
  onChange(change: TAccessChange): void;
  /**
   * Called each time LISTEN is (re-)established. Signals sent while the connection was down are
   * lost, so the receiver should re-check everything it holds here.
   */
  onListening(): void;
  /** Longest wait between reconnection attempts (default 10 s; the first is about 250 ms). */
  maxBackoffMs?: number;
}

/**
 * Subscribes to the access-change channel on a dedicated PostgreSQL connection (LISTEN needs a
 * session of its own: a pooled connection would be handed to other queries). When the
 * connection fails or the server drops it, it reconnects with exponential backoff and jitter
 * until closed. Malformed payloads are ignored.
 * @throws nothing (connection failures are logged once per outage and retried)
 */
export function listenAccessChanges(options: ListenAccessChangesOptions): AccessChangeListener {
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
    listening = false;
    if (!closed && !outageLogged) {
      outageLogged = true;
      getLogger().warn(
        { detail: error instanceof Error ? error.message : "" },
        "[collab] access-change listener lost its database connection; reconnecting",
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
      if (message.channel !== ACCESS_CHANGE_CHANNEL || !message.payload) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.payload);
      } catch {
        return;
      }
      const change = ZAccessChange.safeParse(parsed);
      if (change.success) options.onChange(change.data);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${ACCESS_CHANGE_CHANNEL}`);
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
    if (outageLogged) getLogger().warn("[collab] access-change listener reconnected");
    outageLogged = false;
    options.onListening();
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
