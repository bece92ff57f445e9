import type * as Y from "yjs";
import { resolveAnchor, yPlainText } from "@/lib/anchors/anchor";
import type { AnnotationJson } from "@/lib/annotations/annotation-json";

/** An annotation with where it sits in the current text, or null when it is orphaned. */
export interface ResolvedAnnotation {
  annotation: AnnotationJson;
  span: { start: number; end: number } | null;
}

/**
 * Resolves every annotation's anchor against the live body, in one pass over the text, and
 * returns them in document order (orphaned ones last, newest first). Before the body has
 * synced, the server's own offsets and orphaned flags are used.
 */
export function resolveAnnotations(
  annotations: readonly AnnotationJson[],
  body: { doc: Y.Doc; fragment: Y.XmlFragment } | null,
): ResolvedAnnotation[] {
  const text = body ? yPlainText(body.fragment) : null;
  const resolved = annotations.map((annotation): ResolvedAnnotation => {
    if (!body || text === null) {
      return {
        annotation,
        span: annotation.orphaned ? null : { start: annotation.start, end: annotation.end },
      };
    }
    try {
      const span = resolveAnchor(body.doc, body.fragment, annotation.anchor, annotation.quote, text);
      return { annotation, span: span ? { start: span.start, end: span.end } : null };
    } catch {
      // An anchor into Yjs items this client has not received yet: shown once they arrive.
      return { annotation, span: null };
    }
  });
  return resolved.sort((a, b) => {
    if (a.span && b.span) return a.span.start - b.span.start || b.span.end - a.span.end;
    if (a.span) return -1;
    if (b.span) return 1;
    return b.annotation.createdAt.localeCompare(a.annotation.createdAt);
  });
}
