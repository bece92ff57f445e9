import { type ChannelListener, listenChannel } from "../db/listen-channel.ts";
import { ACCESS_CHANGE_CHANNEL, type TAccessChange, ZAccessChange } from "./signal-access-change.ts";

/** A running subscription to access-change signals. */
export type AccessChangeListener = ChannelListener;

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
 * Subscribes to the access-change channel on a dedicated PostgreSQL connection
 * (lib/db/listen-channel.ts: reconnects with backoff until closed). Malformed payloads are ignored.
 * @throws nothing (connection failures are logged once per outage and retried)
 */
export function listenAccessChanges(options: ListenAccessChangesOptions): AccessChangeListener {
  return listenChannel({
    connectionString: options.connectionString,
    channel: ACCESS_CHANGE_CHANNEL,
    label: "[collab] access-change listener",
    maxBackoffMs: options.maxBackoffMs,
    onListening: options.onListening,
    onPayload(payload) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(payload);
      } catch {
        return;
      }
      const change = ZAccessChange.safeParse(parsed);
      if (change.success) options.onChange(change.data);
    },
  });
}
