import { type Extension, Hocuspocus } from "@hocuspocus/server";
import { getLogger } from "../observability/logger.ts";
import { createAccessRecheckExtension, DEFAULT_ACCESS_RECHECK_INTERVAL_MS } from "./access-recheck.ts";
import { createAuthenticationExtension } from "./authentication.ts";
import {
  type AwarenessRelayTiming,
  DEFAULT_AWARENESS_RELAY,
  installAwarenessRelay,
} from "./awareness-relay.ts";

/** How the collaboration server is put together; every field has a sensible default. */
export interface CollabServerOptions {
  /**
   * Further extensions, one per concern (persistence of article bodies, publishing annotation
   * state, Redis for several instances). Authentication always runs first.
   */
  extensions?: Extension[];
  /** Milliseconds to wait after the last change before onStoreDocument (default 2000). */
  debounce?: number;
  /** Longest a change may wait for onStoreDocument (default 10000). */
  maxDebounce?: number;
  /** Milliseconds without a pong before a connection is dropped (default 30000). */
  timeout?: number;
  /** How often every open connection is re-authorized as a backstop (default 30000; 0 turns it off). */
  accessRecheckIntervalMs?: number;
  /**
   * Whether access-change signals (PostgreSQL LISTEN on DATABASE_URL) re-authorize the affected
   * connections at once (default true).
   */
  accessSignals?: boolean;
  /** How long presence changes and renewals are gathered before they are relayed (awareness-relay.ts). */
  awarenessRelay?: AwarenessRelayTiming;
}

/**
 * Creates the Hocuspocus instance that serves articles' live documents (no HTTP server of its
 * own: attachCollab() routes websocket upgrades to it).
 * @throws nothing
 */
export function createCollabServer(options: CollabServerOptions = {}): Hocuspocus {
  const recheckMs = options.accessRecheckIntervalMs ?? DEFAULT_ACCESS_RECHECK_INTERVAL_MS;
  const signals = options.accessSignals ?? true;
  installAwarenessRelay(options.awarenessRelay ?? DEFAULT_AWARENESS_RELAY);
  return new Hocuspocus({
    name: "proofmark-collab",
    quiet: true,
    debounce: options.debounce ?? 2000,
    maxDebounce: options.maxDebounce ?? 10_000,
    timeout: options.timeout ?? 30_000,
    unloadImmediately: true,
    extensions: [
      createAuthenticationExtension(),
      ...(recheckMs > 0 || signals
        ? [
            createAccessRecheckExtension({
              intervalMs: recheckMs,
              ...(signals ? {} : { signals: false as const }),
            }),
          ]
        : []),
      ...(options.extensions ?? []),
    ],
  });
}

function storeKey(documentName: string): string {
  // Hocuspocus's own debouncer key for onStoreDocument.
  return `onStoreDocument-${documentName}`;
}

async function flushPendingStores(hocuspocus: Hocuspocus): Promise<void> {
  const pending = [...hocuspocus.documents.keys()]
    .filter((name) => hocuspocus.debouncer.isDebounced(storeKey(name)))
    .map((name) => Promise.resolve(hocuspocus.debouncer.executeNow(storeKey(name))));
  const results = await Promise.allSettled(pending);
  for (const result of results) {
    if (result.status === "rejected")
      getLogger().error({ err: result.reason }, "[collab] storing a document on shutdown failed");
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Shuts the collaboration server down: stores every document with pending changes, closes all
 * connections, waits (up to `timeoutMs`) for documents to unload, then runs onDestroy hooks.
 * @throws nothing (store failures are logged)
 */
export async function closeCollabServer(hocuspocus: Hocuspocus, timeoutMs = 5000): Promise<void> {
  await flushPendingStores(hocuspocus);
  hocuspocus.closeConnections();
  await waitFor(
    () => hocuspocus.getDocumentsCount() === 0 && hocuspocus.unloadingDocuments.size === 0,
    timeoutMs,
  );
  // Changes that raced the shutdown, and documents held open by direct connections.
  await flushPendingStores(hocuspocus);
  await hocuspocus.hooks("onDestroy", { instance: hocuspocus });
}
