import * as Y from "yjs";
import { BODY_FIELD } from "../articles/body-document.ts";
import { loadArticleBodyState } from "../articles/store-corrected-body.ts";
import { bodyDocumentName } from "../collab/document-name.ts";
import { getCollabInstance, SERVER_CONTEXT } from "../collab/instance.ts";

/**
 * Runs `fn` on the article body as it is now: the live document of the collaboration server
 * when one runs in this process (so offsets match what people see, corrections not yet stored
 * included), otherwise the stored state. Relative positions made on either are valid for both.
 * @throws Error when the body cannot be loaded
 */
export async function withCurrentBody<T>(
  articleId: string,
  fn: (doc: Y.Doc, fragment: Y.XmlFragment) => T,
): Promise<T> {
  const collab = getCollabInstance();
  if (collab) {
    const connection = await collab.openDirectConnection(bodyDocumentName(articleId), { ...SERVER_CONTEXT });
    try {
      const document = connection.document;
      if (!document) throw new Error(`article ${articleId}: live body unavailable`);
      return fn(document, document.getXmlFragment(BODY_FIELD));
    } finally {
      await connection.disconnect();
    }
  }
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await loadArticleBodyState(articleId));
    return fn(doc, doc.getXmlFragment(BODY_FIELD));
  } finally {
    doc.destroy();
  }
}
