import { z } from "zod";

/** Which of an article's two live documents a name refers to. */
export type CollabDocumentKind = "body" | "annotations";

/**
 * Whose view of the annotations an annotations document holds (lib/rounds/round-documents.ts):
 * the team's, the moderators' full one, or one assigned annotator's during a blind round.
 */
export type AnnotationsView =
  | { kind: "team" }
  | { kind: "all" }
  | { kind: "round"; roundId: string; userId: string };

/** A parsed, validated live document name. */
export interface CollabDocument {
  /** The name exactly as clients and Hocuspocus use it. */
  name: string;
  kind: CollabDocumentKind;
  articleId: string;
  /** For an annotations document: whose view it holds. */
  view?: AnnotationsView;
}

// Lower-case only: Hocuspocus keys live documents by their exact name, so `article.ABC…` and
// `article.abc…` would be two diverging copies of the same article.
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const DOCUMENT_NAME = new RegExp(
  `^article\\.(${UUID})(?:(\\.annotations)(\\.all)?|\\.round\\.(${UUID})\\.(${UUID}))?$`,
);

function viewOf(match: RegExpExecArray | null): AnnotationsView | undefined {
  if (match?.[4] && match[5]) return { kind: "round", roundId: match[4], userId: match[5] };
  if (match?.[2]) return match[3] ? { kind: "all" } : { kind: "team" };
  return undefined;
}

/**
 * A websocket document name: `article.<uuid>` (the body), `article.<uuid>.annotations` (the team's
 * view of its annotations), `article.<uuid>.annotations.all` (the moderators' full view) or
 * `article.<uuid>.round.<round uuid>.<user uuid>` (one annotator's view during a blind round).
 */
export const ZCollabDocumentName = z
  .string()
  .max(128, "Document name is too long")
  .regex(DOCUMENT_NAME, "Unknown document name")
  .transform((name): CollabDocument => {
    const match = DOCUMENT_NAME.exec(name);
    // The regex above already matched, so the groups are there.
    const view = viewOf(match);
    const articleId = match?.[1] ?? "";
    return view ? { name, kind: "annotations", articleId, view } : { name, kind: "body", articleId };
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

/** The server-written live document holding the team's view of an article's annotation state. */
export function annotationsDocumentName(articleId: string): string {
  return `article.${articleId}.annotations`;
}

/** The name of the live annotations document holding `view` of an article's annotations. */
export function annotationsViewDocumentName(articleId: string, view: AnnotationsView): string {
  if (view.kind === "all") return `article.${articleId}.annotations.all`;
  if (view.kind === "round") return `article.${articleId}.round.${view.roundId}.${view.userId}`;
  return annotationsDocumentName(articleId);
}

const BODY_DOCUMENT_NAME = new RegExp(`^article\\.${UUID}$`);

/**
 * Whether presence (awareness) means anything on this document: only an article's body carries
 * who is reading and where their cursor is. The annotations documents are written by the server
 * alone, so presence sent on them is dropped instead of relayed to every reader.
 */
export function carriesPresence(name: string): boolean {
  return BODY_DOCUMENT_NAME.test(name);
}
