import type {
  beforeUnloadDocumentPayload,
  Document,
  Extension,
  Hocuspocus,
  onChangePayload,
  onConfigurePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as Y from "yjs";
import { publishAnnotations } from "../annotations/live-state.ts";
import { loadArticleBodyState, storeCorrectedBody } from "../articles/store-corrected-body.ts";
import type { Actor } from "../auth/actor.ts";
import { isDatabaseUnavailableError } from "../errors.ts";
import { getLogger } from "../observability/logger.ts";
import { getMetrics } from "../observability/metrics.ts";
import type { CollabContext } from "./authentication.ts";
import { parseDocumentName } from "./document-name.ts";
import { refuseFailedLoad } from "./refusal.ts";

/** How failed stores are retried (exponential backoff with jitter, no limit on attempts). */
export interface BodyPersistenceOptions {
  /** Delay before the first retry (default 500 ms); each further one doubles it. */
  retryMinMs?: number;
  /** Longest delay between two retries (default 30 s). */
  retryMaxMs?: number;
}

interface PendingRetry {
  attempt: number;
  timer: NodeJS.Timeout | null;
}

/** Delay before retry number `attempt` (1-based): doubling, capped, with ±25 % jitter. */
export function storeRetryDelay(attempt: number, minMs: number, maxMs: number): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt - 1, 20));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/**
 * Loads article bodies from PostgreSQL when a document opens and stores them (debounced by
 * Hocuspocus) with their snapshots and audit events.
 * - A load failure refuses the connection (`unavailable`, the provider retries), so an empty
 *   document is never served, cached, or later written over the real one.
 * - A store failure (the database is down) keeps the changes: the document stays in memory
 *   (its unload is vetoed) and the store is retried with backoff until it succeeds; new edits
 *   meanwhile are part of the next attempt. On shutdown one last attempt is made.
 */
export function createBodyPersistenceExtension(options: BodyPersistenceOptions = {}): Extension {
  const retryMinMs = options.retryMinMs ?? 500;
  const retryMaxMs = options.retryMaxMs ?? 30_000;
  // Who changed each document since its last store (for the audit log).
  const editorsByDocument = new Map<string, Map<string, Actor>>();
  // Documents whose changes are not stored yet because a store failed.
  const retries = new Map<string, PendingRetry>();
  let instance: Hocuspocus | undefined;

  const keepEditors = (documentName: string, editors: Map<string, Actor>) => {
    const again = editorsByDocument.get(documentName) ?? new Map<string, Actor>();
    for (const [id, actor] of editors) again.set(id, actor);
    editorsByDocument.set(documentName, again);
  };

  const clearRetry = (documentName: string) => {
    const pending = retries.get(documentName);
    if (pending?.timer) clearTimeout(pending.timer);
    retries.delete(documentName);
    getMetrics().documentsAwaitingStore.set(retries.size);
  };

  // Stores the document's current state if anyone changed it; on failure keeps the editors and
  // schedules a retry. Never throws (a rejection here would be unhandled inside Hocuspocus).
  const store = async (documentName: string, articleId: string, document: Document): Promise<void> => {
    const editors = editorsByDocument.get(documentName);
    if (!editors || editors.size === 0) {
      clearRetry(documentName);
      return;
    }
    editorsByDocument.delete(documentName);
    let stored: Awaited<ReturnType<typeof storeCorrectedBody>>;
    try {
      stored = await storeCorrectedBody({ articleId, ydoc: document, editors: [...editors.values()] });
    } catch (error) {
      keepEditors(documentName, editors);
      scheduleRetry(documentName, articleId, document, error);
      return;
    }
    const retried = retries.has(documentName);
    clearRetry(documentName);
    if (retried) {
      getLogger().error(`[collab] stored ${documentName} after the database came back`);
      // The unload vetoed while the store was pending can happen now (after the save lock is released).
      setTimeout(() => {
        if (instance && !document.isDestroyed && document.getConnectionsCount() === 0)
          void instance.unloadDocument(document);
      }, 0);
    }
    if (stored.reanchored.length > 0) {
      try {
        await publishAnnotations(articleId, { upsert: stored.reanchored });
      } catch (error) {
        // The rows are committed; the live state is rebuilt from them when the document next loads.
        getLogger().error(
          { err: error },
          `[collab] publishing re-anchored annotations of ${articleId} failed`,
        );
      }
    }
  };

  const scheduleRetry = (documentName: string, articleId: string, document: Document, error: unknown) => {
    const pending = retries.get(documentName) ?? { attempt: 0, timer: null };
    pending.attempt += 1;
    getMetrics().documentStoreFailures.inc();
    const delay = storeRetryDelay(pending.attempt, retryMinMs, retryMaxMs);
    const why = isDatabaseUnavailableError(error) ? "the database is unavailable" : String(error);
    getLogger().error(
      `[collab] storing ${documentName} failed (${why}); attempt ${pending.attempt}, retrying in ${delay} ms`,
    );
    if (pending.timer) clearTimeout(pending.timer);
    pending.timer = setTimeout(() => {
      pending.timer = null;
      if (document.isDestroyed) return;
      getMetrics().documentStoreRetries.inc();
      void document.saveMutex.runExclusive(() => store(documentName, articleId, document));
    }, delay);
    pending.timer.unref();
    retries.set(documentName, pending);
    getMetrics().documentsAwaitingStore.set(retries.size);
  };

  return {
    extensionName: "proofmark-body-persistence",
    async onConfigure({ instance: configured }: onConfigurePayload) {
      instance = configured;
    },
    async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
      const parsed = parseDocumentName(documentName);
      if (parsed?.kind !== "body") return;
      let state: Uint8Array;
      try {
        state = await loadArticleBodyState(parsed.articleId);
      } catch (error) {
        throw refuseFailedLoad(document, documentName, error);
      }
      Y.applyUpdate(document, state);
    },
    async onChange({ documentName, context }: onChangePayload) {
      const actor = (context as Partial<CollabContext> | undefined)?.actor;
      if (!actor) return;
      const editors = editorsByDocument.get(documentName) ?? new Map<string, Actor>();
      editors.set(actor.userId, actor);
      editorsByDocument.set(documentName, editors);
    },
    async onStoreDocument({ documentName, document }: onStoreDocumentPayload) {
      const parsed = parseDocumentName(documentName);
      if (parsed?.kind !== "body") return;
      await store(documentName, parsed.articleId, document);
    },
    async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload) {
      // Unloading now would drop changes not yet in PostgreSQL. A message-less error vetoes the
      // unload quietly; the successful retry unloads the document.
      if (retries.has(documentName)) throw new Error("");
    },
    async onDestroy() {
      // Shutdown: one last attempt for documents still waiting for the database.
      for (const [documentName, pending] of [...retries]) {
        if (pending.timer) clearTimeout(pending.timer);
        const document = instance?.documents.get(documentName);
        const parsed = parseDocumentName(documentName);
        if (!document || !parsed) continue;
        await document.saveMutex.runExclusive(() => store(documentName, parsed.articleId, document));
      }
      for (const [documentName, pending] of retries) {
        if (pending.timer) clearTimeout(pending.timer);
        getLogger().error(
          `[collab] shutting down with unstored edits to ${documentName}: clients that still have them re-send them when they reconnect`,
        );
      }
      retries.clear();
    },
  };
}
