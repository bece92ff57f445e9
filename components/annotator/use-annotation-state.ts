"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import * as Y from "yjs";
import {
  ANNOTATIONS_MAP,
  createLiveAnnotationReader,
  type LiveAnnotation,
  PEOPLE_MAP,
  VIEW_CHANGES_MAP,
} from "@/lib/annotations/live-entry";
import { annotationsDocumentName } from "@/lib/collab/document-name";
import { ROUND_PROGRESS_MAP } from "@/lib/rounds/live-round-progress-entry";
import { decodeLiveVerdict, VERDICTS_MAP } from "@/lib/verdicts/live-verdict-entry";
import type { VerdictJson } from "@/lib/verdicts/verdict-json";
import {
  createLiveCommandChannel,
  type LiveCommandChannel,
  type LiveCreateResult,
} from "./live-command-channel";
import { earlyDocument, type LiveConnection, takeConnection } from "./live-connection";

const MAX_RETRY_MS = 10_000;

/**
 * The article's live annotation state (`article.<id>.annotations`, written only by the server;
 * during a blind round the page names another view of it, lib/rounds/round-documents.ts).
 * Every (re)connection uses a fresh Y.Doc: the server rebuilds that document from PostgreSQL
 * when it loads it, so merging an old client copy back would resurrect stale entries. The last
 * annotations stay on screen while it reconnects. The moderators' full view also carries each
 * round annotator's progress (`roundProgress`, as the server wrote it: key → value; read with
 * latestRoundProgress; empty in every other view). `createLive` tags over the same connection
 * (lib/collab/live-commands.ts); it answers null while the connection is not open and synced.
 */
export function useAnnotationState(
  articleId: string,
  documentName?: string,
): {
  annotations: LiveAnnotation[];
  live: boolean;
  verdicts: ReadonlyMap<string, VerdictJson>;
  roundProgress: ReadonlyMap<string, unknown>;
  createLive: (input: unknown) => Promise<LiveCreateResult> | null;
} {
  const [annotations, setAnnotations] = useState<LiveAnnotation[]>([]);
  const [verdicts, setVerdicts] = useState<ReadonlyMap<string, VerdictJson>>(new Map());
  const [roundProgress, setRoundProgress] = useState<ReadonlyMap<string, unknown>>(new Map());
  const [live, setLive] = useState(false);
  const router = useRouter();
  const commands = useRef<LiveCommandChannel | null>(null);

  useEffect(() => {
    let disposed = false;
    let retryMs = 500;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current: LiveConnection | null = null;
    const name = documentName ?? annotationsDocumentName(articleId);
    // The first connection may be the one the page opened before hydrating (live-connection.ts).
    let firstDoc = earlyDocument(name);

    const close = () => {
      commands.current?.dropAll();
      commands.current = null;
      current?.provider.destroy();
      current?.doc.destroy();
      current = null;
    };
    const open = () => {
      if (disposed) return;
      const doc = firstDoc ?? new Y.Doc();
      firstDoc = null;
      const map = doc.getMap<Uint8Array>(ANNOTATIONS_MAP);
      // The names of the people the annotations name (a rename changes only this map).
      const people = doc.getMap<string>(PEOPLE_MAP);
      // Decodes only the entries that changed: unchanged annotations keep their objects.
      const read = createLiveAnnotationReader();
      let synced = false;
      let connected = false;
      const publish = () => {
        if (synced) setAnnotations(read(map.entries(), people));
      };
      map.observe(publish);
      people.observe(publish);
      // The verdicts live in a map of their own in the same document (lib/verdicts/live-verdicts.ts).
      const verdictMap = doc.getMap<string>(VERDICTS_MAP);
      const publishVerdicts = () => {
        if (!synced) return;
        const next = new Map<string, VerdictJson>();
        for (const [key, raw] of verdictMap.entries()) {
          const verdict = decodeLiveVerdict(raw);
          if (verdict?.annotationId === key) next.set(key, verdict);
        }
        setVerdicts(next);
      };
      verdictMap.observe(publishVerdicts);
      // Round progress, in the moderators' full view only (lib/rounds/live-round-progress.ts).
      const progressMap = doc.getMap<string>(ROUND_PROGRESS_MAP);
      const publishProgress = () => {
        if (!synced) return;
        setRoundProgress(new Map(progressMap.entries()));
      };
      progressMap.observe(publishProgress);
      // The server rebuilt this view as a whole (a blind round was revealed): render the page
      // again, so its banner, round panel and choice of document follow.
      doc.getMap<string>(VIEW_CHANGES_MAP).observe(() => {
        if (synced) router.refresh();
      });
      const reopen = () => {
        if (disposed || current?.doc !== doc) return;
        setLive(false);
        close();
        timer = setTimeout(open, retryMs);
        retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
      };
      const onSynced = () => {
        synced = true;
        retryMs = 500;
        setLive(true);
        publish();
        publishVerdicts();
        publishProgress();
      };
      const onStatus = ({ status }: { status: string }) => {
        if (status === "connected") connected = true;
        // Before a first connection the provider retries by itself (its document is still empty).
        else if (status === "disconnected" && connected) reopen();
      };
      const connection = takeConnection(name, doc, true);
      current = connection;
      commands.current = createLiveCommandChannel(
        connection.provider,
        () => synced && connection.state.connected && current === connection,
      );
      connection.provider.on("synced", onSynced);
      connection.provider.on("status", onStatus);
      // Refused as not found: what this reader may see changed as a whole (a blind round started
      // and they are in it, or the article went away). Drop what is shown and let the server
      // render the page again: it names the document of their view, or the 404 page.
      const refused = ({ reason }: { reason?: string }) => {
        if (reason === "not-found" && current?.doc === doc) {
          setAnnotations([]);
          setVerdicts(new Map());
          setRoundProgress(new Map());
          router.refresh();
        }
        reopen();
      };
      connection.provider.on("authenticationFailed", refused);
      // The server closes a document whose access ended while open ("access-revoked", over a
      // socket that stays open): the same as being refused.
      connection.provider.on("close", ({ event }: { event?: { reason?: string } }) => {
        if (event?.reason === "access-revoked") refused({ reason: "not-found" });
      });
      // What happened before this ran (an early connection may be synced already).
      connected = connection.state.everConnected;
      if (connection.state.refused) refused({ reason: connection.state.refusal ?? undefined });
      else if (connection.state.synced) onSynced();
      else if (connected && !connection.state.connected) reopen();
    };
    open();
    return () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      close();
    };
  }, [articleId, documentName, router]);

  const createLive = useCallback((input: unknown) => commands.current?.create(input) ?? null, []);
  return { annotations, live, verdicts, roundProgress, createLive };
}
