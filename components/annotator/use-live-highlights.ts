"use client";

import type { Editor } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type * as Y from "yjs";
import type { LiveAnnotation } from "@/lib/annotations/live-entry";
import { BODY_FIELD } from "@/lib/articles/body-document";
import { plainTextWithMap } from "@/lib/articles/plain-text";
import { currentHighlightRanges, showHighlights } from "./highlight-extension";
import { createAnnotationResolver, type ResolvedAnnotation } from "./resolve-annotations";
import { buildHighlightRanges } from "./text-map";

// Body edits arrive per keystroke; anchors are re-resolved at most this often (highlights are
// mapped through each edit in between, so they never lag visibly).
const RESOLVE_DELAY_MS = 120;
// The server-rendered body is replaced by the live editor once the live body and the live
// annotations are both there; if the annotations lag this long behind the body, the editor is
// shown without them (they are painted when they arrive) so that correctors are not kept waiting.
const ANNOTATIONS_WAIT_MS = 2000;

/** The plain text and block map of a document. */
export type TextMapOf = (doc: PMNode) => ReturnType<typeof plainTextWithMap>;

/**
 * Whether the live editor replaces the server-rendered body: the server-rendered body (with the
 * highlights the server knew) stays until the live editor can show the same, so highlights never
 * blink out; once shown, the editor stays.
 */
export function useEditorShown(synced: boolean, editor: Editor | null, annotationsLive: boolean): boolean {
  const [editorShown, setEditorShown] = useState(false);
  const showEditor = editorShown || (synced && editor !== null && annotationsLive);
  useEffect(() => {
    if (showEditor) setEditorShown(true);
    else if (synced) {
      const timer = setTimeout(() => setEditorShown(true), ANNOTATIONS_WAIT_MS);
      return () => clearTimeout(timer);
    }
  }, [showEditor, synced]);
  return showEditor;
}

/** The plain text and block map of the editor's current document, computed once per document. */
export function useTextMap(): TextMapOf {
  const textMap = useRef<{ doc: PMNode; map: ReturnType<typeof plainTextWithMap> } | null>(null);
  return useCallback((doc: PMNode) => {
    if (textMap.current?.doc !== doc) textMap.current = { doc, map: plainTextWithMap(doc) };
    return textMap.current.map;
  }, []);
}

/**
 * The annotations anchored in the live body: re-resolved when the body changes (debounced), and
 * otherwise only those that changed.
 */
export function useResolvedAnnotations({
  ydoc,
  synced,
  annotations,
}: {
  ydoc: Y.Doc;
  synced: boolean;
  annotations: LiveAnnotation[];
}): ResolvedAnnotation[] {
  const [bodyVersion, setBodyVersion] = useState(0);
  // Counts body updates as they happen; the resolver re-indexes the body only when it moved on.
  const bodyChanges = useRef(0);
  const resolve = useMemo(() => createAnnotationResolver(), []);

  // Re-resolve anchors when the body changes (debounced).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      bodyChanges.current++;
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        setBodyVersion((version) => version + 1);
      }, RESOLVE_DELAY_MS);
    };
    ydoc.on("update", onUpdate);
    return () => {
      ydoc.off("update", onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [ydoc]);

  // Only the annotations that changed are resolved again, unless the body changed too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: bodyVersion marks a change inside ydoc
  return useMemo(
    () =>
      resolve(
        annotations,
        synced ? { doc: ydoc, fragment: ydoc.getXmlFragment(BODY_FIELD) } : null,
        bodyChanges.current,
      ),
    [annotations, synced, ydoc, bodyVersion, resolve],
  );
}

/**
 * Shows the resolved highlights in the editor, in the same frame as the commit that resolved
 * them (a layout effect: no frame passes between the new state and its highlight). Only the
 * changed highlights are redrawn.
 */
export function useHighlightPainting({
  editor,
  synced,
  resolved,
  activeId,
  textMapOf,
}: {
  editor: Editor | null;
  synced: boolean;
  resolved: ResolvedAnnotation[];
  activeId: string | null;
  textMapOf: TextMapOf;
}): void {
  useLayoutEffect(() => {
    if (!editor || editor.isDestroyed || !synced) return;
    const { text, blocks } = textMapOf(editor.state.doc);
    const anchored = [];
    for (const { annotation, span } of resolved) {
      // The editor may briefly lag the Yjs document; such a highlight waits for the next pass.
      if (span && text.slice(span.start, span.end) === annotation.quote)
        anchored.push({ id: annotation.id, label: annotation.label, start: span.start, end: span.end });
    }
    const ranges = buildHighlightRanges(blocks, anchored);
    // Nothing shown and nothing to show: leave the editor alone (no transaction per keystroke).
    if (ranges.length === 0 && currentHighlightRanges(editor.view).length === 0) return;
    showHighlights(editor.view, ranges, activeId);
  }, [editor, synced, resolved, activeId, textMapOf]);
}
