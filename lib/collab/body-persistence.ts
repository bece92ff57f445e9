import type {
  Extension,
  onChangePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as Y from "yjs";
import { publishAnnotations } from "../annotations/live-state.ts";
import { loadArticleBodyState, storeCorrectedBody } from "../articles/store-corrected-body.ts";
import type { Actor } from "../auth/actor.ts";
import type { CollabContext } from "./authentication.ts";
import { parseDocumentName } from "./document-name.ts";

/**
 * Loads article bodies from PostgreSQL when a document opens and stores them (debounced by
 * Hocuspocus) with their snapshots and audit events. A load failure refuses the connection,
 * so an empty document is never served and later written over the real one.
 */
export function createBodyPersistenceExtension(): Extension {
  // Who changed each document since its last store (for the audit log).
  const editorsByDocument = new Map<string, Map<string, Actor>>();

  return {
    extensionName: "proofmark-body-persistence",
    async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
      const parsed = parseDocumentName(documentName);
      if (parsed?.kind !== "body") return;
      const state = await loadArticleBodyState(parsed.articleId);
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
      const editors = editorsByDocument.get(documentName);
      if (!editors || editors.size === 0) return;
      editorsByDocument.delete(documentName);
      try {
        const stored = await storeCorrectedBody({
          articleId: parsed.articleId,
          ydoc: document,
          editors: [...editors.values()],
        });
        if (stored.reanchored.length > 0)
          await publishAnnotations(parsed.articleId, { upsert: stored.reanchored });
      } catch (error) {
        // Keep the editors so the next store (the next change, or shutdown) records them.
        const again = editorsByDocument.get(documentName) ?? new Map<string, Actor>();
        for (const [id, actor] of editors) again.set(id, actor);
        editorsByDocument.set(documentName, again);
        throw error;
      }
    },
  };
}
