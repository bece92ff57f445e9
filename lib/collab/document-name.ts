import { z } from "zod";

/** Which of an article's two live documents a name refers to. */
export type CollabDocumentKind = "body" | "annotations";

/** A parsed, validated live document name. */
export interface CollabDocument {
  /** The name exactly as clients and Hocuspocus use it. */
  name: string;
  kind: CollabDocumentKind;
  articleId: string;
}

// Lower-case only: Hocuspocus keys live documents by their exact name, so `article.ABC…` and
// `article.abc…` would be two diverging copies of the same article.
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const DOCUMENT_NAME = new RegExp(`^article\\.(${UUID})(\\.annotations)?$`);

/** A websocket document name: `article.<uuid>` (the body) or `article.<uuid>.annotations`. */
export const ZCollabDocumentName = z
  .string()
  .max(64, "Document name is too long")
  .regex(DOCUMENT_NAME, "Unknown document name")
  .transform((name): CollabDocument => {
    const match = DOCUMENT_NAME.exec(name);
    // The regex above already matched, so the groups are there.
    return { name, kind: match?.[2] ? "annotations" : "body", articleId: match?.[1] ?? "" };
  });

/** Parses a websocket document name; `null` for anything that is not one of ours. */
export function parseDocumentName(name: unknown): CollabDocument | null {
  const result = ZCollabDocumentName.safeParse(name);
  return result.success ? result.data : null;
}

/** The live document holding an article's body (a Y.XmlFragment bound to Tiptap). */
export function bodyDocumentName(articleId: string): string {
  return `article.${articleId}`;
}

/** The server-written live document holding an article's annotation state. */
export function annotationsDocumentName(articleId: string): string {
  return `article.${articleId}.annotations`;
}
