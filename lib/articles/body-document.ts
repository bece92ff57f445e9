import type { Node as PMNode } from "@tiptap/pm/model";
import { prosemirrorToYDoc, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { articleSchema } from "./editor-schema.ts";

/** The name of the Y.XmlFragment that holds the body (Tiptap Collaboration's default field). */
export const BODY_FIELD = "default";

/** Encodes a body document as a Yjs update (the `Article.ydoc` bytes). */
export function docToYUpdate(doc: PMNode): Uint8Array<ArrayBuffer> {
  const ydoc = prosemirrorToYDoc(doc, BODY_FIELD);
  const update = new Uint8Array(Y.encodeStateAsUpdate(ydoc));
  ydoc.destroy();
  return update;
}

/** Decodes `Article.ydoc` bytes into the body document. */
export function yUpdateToDoc(update: Uint8Array): PMNode {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  const doc = yDocToBody(ydoc);
  ydoc.destroy();
  return doc;
}

/** Reads the body document out of a live Y.Doc. */
export function yDocToBody(ydoc: Y.Doc): PMNode {
  return yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(BODY_FIELD), articleSchema());
}
