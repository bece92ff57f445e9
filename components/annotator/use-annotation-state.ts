"use client";

import { HocuspocusProvider } from "@hocuspocus/provider";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import type { AnnotationJson } from "@/lib/annotations/annotation-json";
import { ANNOTATIONS_MAP, createLiveAnnotationReader } from "@/lib/annotations/live-entry";

/** The websocket URL of the live documents (same host, so the session cookie goes along). */
export function collabUrl(): string {
  const protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${window.location.host}/collab`;
}

const MAX_RETRY_MS = 10_000;

/**
 * The article's live annotation state (`article.<id>.annotations`, written only by the server).
 * Every (re)connection uses a fresh Y.Doc: the server rebuilds that document from PostgreSQL
 * when it loads it, so merging an old client copy back would resurrect stale entries. The last
 * annotations stay on screen while it reconnects.
 */
export function useAnnotationState(articleId: string): { annotations: AnnotationJson[]; live: boolean } {
  const [annotations, setAnnotations] = useState<AnnotationJson[]>([]);
  const [live, setLive] = useState(false);

  useEffect(() => {
    let disposed = false;
    let retryMs = 500;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current: { doc: Y.Doc; provider: HocuspocusProvider } | null = null;

    const close = () => {
      current?.provider.destroy();
      current?.doc.destroy();
      current = null;
    };
    const open = () => {
      if (disposed) return;
      const doc = new Y.Doc();
      const map = doc.getMap<string>(ANNOTATIONS_MAP);
      // Parses only the entries that changed: unchanged annotations keep their objects.
      const read = createLiveAnnotationReader();
      let synced = false;
      let connected = false;
      const publish = () => {
        if (synced) setAnnotations(read(map.entries()));
      };
      map.observe(publish);
      const reopen = () => {
        if (disposed || current?.doc !== doc) return;
        setLive(false);
        close();
        timer = setTimeout(open, retryMs);
        retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
      };
      const provider = new HocuspocusProvider({
        url: collabUrl(),
        name: `article.${articleId}.annotations`,
        document: doc,
        // The session cookie authenticates the websocket; the token field is not used.
        token: "session-cookie",
        onSynced: () => {
          synced = true;
          retryMs = 500;
          setLive(true);
          publish();
        },
        onStatus: ({ status }) => {
          if (status === "connected") connected = true;
          // Before a first connection the provider retries by itself (its document is still empty).
          else if (status === "disconnected" && connected) reopen();
        },
        onAuthenticationFailed: () => reopen(),
      });
      // This document is read-only for every client (only the server writes it), so the client has
      // nothing to send: without this listener Yjs no longer re-encodes every received update
      // (the initial state of 2,000 annotations took longer to re-encode than to apply).
      doc.off("update", provider.boundDocumentUpdateHandler);
      current = { doc, provider };
    };
    open();
    return () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      close();
    };
  }, [articleId]);

  return { annotations, live };
}
