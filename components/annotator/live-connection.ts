"use client";

import { HocuspocusProvider } from "@hocuspocus/provider";
import * as Y from "yjs";
import { annotationsDocumentName, bodyDocumentName, carriesPresence } from "@/lib/collab/document-name";

/** The websocket URL of the live documents (same host, so the session cookie goes along). */
function collabUrl(): string {
  const protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${window.location.host}/collab`;
}

/** One live document on /collab, with what happened to it before anyone listened. */
export interface LiveConnection {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Kept up to date from the provider's events, so a late listener can catch up. */
  state: {
    connected: boolean;
    everConnected: boolean;
    synced: boolean;
    refused: boolean;
    refusal: string | null;
  };
}

/**
 * Opens a live document. `readOnly`: the client never writes it (only the server does), so the
 * provider does not listen to the document's own updates: without that listener Yjs does not
 * re-encode every received update (the initial state of 2,000 annotations took longer to
 * re-encode than to apply).
 */
function open(name: string, doc: Y.Doc, readOnly: boolean): LiveConnection {
  const provider = new HocuspocusProvider({
    url: collabUrl(),
    name,
    document: doc,
    // The session cookie authenticates the websocket; the token field is not used.
    token: "session-cookie",
    // Presence lives on the body document only (the server drops it elsewhere); without this the
    // provider would announce and renew an empty presence on the annotations document too.
    ...(carriesPresence(name) ? {} : { awareness: null }),
  });
  const connection: LiveConnection = {
    doc,
    provider,
    state: { connected: false, everConnected: false, synced: false, refused: false, refusal: null },
  };
  provider.on("status", ({ status }: { status: string }) => {
    connection.state.connected = status === "connected";
    if (status === "connected") connection.state.everConnected = true;
  });
  provider.on("synced", () => {
    connection.state.synced = true;
  });
  provider.on("authenticationFailed", ({ reason }: { reason?: string }) => {
    connection.state.refused = true;
    connection.state.refusal = reason ?? null;
  });
  if (readOnly) doc.off("update", provider.boundDocumentUpdateHandler);
  return connection;
}

// Connections opened before React hydrated the page, waiting for their hook to claim them.
const early = new Map<string, { connection: LiveConnection; readOnly: boolean }>();
const UNCLAIMED_MS = 15_000;
const ARTICLE_PATH =
  /^\/t\/[^/]+\/articles\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/**
 * Opens the article's two live documents as soon as the page's scripts run, when `pathname` is
 * an article page: the server authenticates, loads and sends both while the browser is still
 * busy evaluating scripts and hydrating, instead of after. The hooks claim them (takeConnection);
 * any left unclaimed (the page failed to render) are closed after 15 s.
 */
export function openEarlyConnections(pathname: string): void {
  const match = ARTICLE_PATH.exec(pathname);
  if (!match || early.size > 0) return;
  const articleId = match[1]!.toLowerCase();
  for (const [name, readOnly] of [
    [bodyDocumentName(articleId), false],
    [annotationsDocumentName(articleId), true],
  ] as const)
    early.set(name, { connection: open(name, new Y.Doc(), readOnly), readOnly });
  setTimeout(() => {
    for (const [name, { connection }] of early) {
      connection.provider.destroy();
      connection.doc.destroy();
      early.delete(name);
    }
  }, UNCLAIMED_MS);
}

/** The document of a connection opened early for `name`, without claiming it (null when none). */
export function earlyDocument(name: string): Y.Doc | null {
  return early.get(name)?.connection.doc ?? null;
}

/**
 * The live connection for `name` on `doc`: the one opened early when it is on that document,
 * claimed once (its events so far are in `state`); otherwise a new one.
 */
export function takeConnection(name: string, doc: Y.Doc, readOnly: boolean): LiveConnection {
  const waiting = early.get(name);
  if (waiting && waiting.connection.doc === doc && waiting.readOnly === readOnly) {
    early.delete(name);
    return waiting.connection;
  }
  return open(name, doc, readOnly);
}
