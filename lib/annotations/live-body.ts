import type { Hocuspocus } from "@hocuspocus/server";
import * as Y from "yjs";
import { BODY_FIELD } from "../articles/body-document.ts";
import { loadArticleBodyState } from "../articles/store-corrected-body.ts";
import { bodyDocumentName } from "../collab/document-name.ts";
import { getCollabInstance, SERVER_CONTEXT } from "../collab/instance.ts";

/**
 * Runs `fn` on the article body as it is now: the live document when the collaboration server in
 * this process holds it (so offsets match what people see), otherwise the stored state.
 * Relative positions made on either are valid for both. Corrections of the live document that
 * are waiting for their (debounced) store are stored first, so that the offsets `fn` computes
 * count in the same text as the article's stored plain text.
 * @throws Error when the body cannot be loaded, or a pending store of corrections fails
 */
export async function withCurrentBody<T>(
  articleId: string,
  fn: (doc: Y.Doc, fragment: Y.XmlFragment) => T,
): Promise<T> {
  const collab = getCollabInstance();
  const live = collab?.documents.get(bodyDocumentName(articleId));
  if (collab && live) {
    await storePendingCorrections(collab, live);
    return fn(live, live.getXmlFragment(BODY_FIELD));
  }
  // Not open here (nobody is editing it through this process, or no collaboration server
  // runs in it): the stored state is the current body. No direct connection is opened just to
  // read it; that would load the document, run the store hooks and unload it again.
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await loadArticleBodyState(articleId));
    return fn(doc, doc.getXmlFragment(BODY_FIELD));
  } finally {
    doc.destroy();
  }
}

type LiveDocument = NonNullable<ReturnType<Hocuspocus["documents"]["get"]>>;

// Runs the document's store hooks now when a store is waiting or running (what a direct
// connection's disconnect does, but only when there is something to store).
async function storePendingCorrections(collab: Hocuspocus, document: LiveDocument): Promise<void> {
  const key = `onStoreDocument-${document.name}`;
  if (!collab.debouncer.isDebounced(key) && !collab.debouncer.isCurrentlyExecuting(key)) return;
  await collab.storeDocumentHooks(
    document,
    {
      clientsCount: document.getConnectionsCount(),
      context: { ...SERVER_CONTEXT },
      document,
      documentName: document.name,
      instance: collab,
      requestHeaders: {},
      requestParameters: new URLSearchParams(),
      socketId: "server",
    },
    true,
  );
}
