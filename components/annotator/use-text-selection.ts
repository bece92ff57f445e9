"use client";

import type { Editor } from "@tiptap/core";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { normaliseSpan } from "@/lib/anchors/anchor";
import { mountedDom } from "./editor-dom";
import { pmSelectionToPlainSpan } from "./text-map";
import type { TextMapOf } from "./use-live-highlights";

/** Text selected in the article: its plain-text span and quote, and where its popover goes. */
export interface PendingSelection {
  start: number;
  end: number;
  quote: string;
  position: { top: number; left: number };
}

/** Where the popover goes under a selection: inside the container and on screen, 8 px from its edges. */
function popoverLeft(selectionLeft: number, box: DOMRect): number {
  const width = Math.min(320, window.innerWidth - 16);
  const min = 8 - box.left;
  const max = window.innerWidth - 8 - width - box.left;
  return Math.round(Math.max(min, Math.min(selectionLeft - box.left, max)));
}

/** Calls `read` once per animation frame while the document's selection changes. */
function useSelectionChange(read: (() => void) | null): void {
  useEffect(() => {
    if (!read) return;
    let frame = 0;
    const schedule = () => {
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          read();
        });
    };
    document.addEventListener("selectionchange", schedule);
    return () => {
      document.removeEventListener("selectionchange", schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [read]);
}

/**
 * Follows the text selection inside the article (people who may annotate only): the selection as
 * plain-text offsets and quote, and the popover's position under it inside `containerRef`. A
 * selection is kept while focus is in the popover (`popoverRef`); `onSelected` runs for each new one.
 */
export function useTextSelection({
  enabled,
  editor,
  containerRef,
  textMapOf,
  onSelected,
}: {
  enabled: boolean;
  editor: Editor | null;
  containerRef: RefObject<HTMLDivElement | null>;
  textMapOf: TextMapOf;
  onSelected: () => void;
}) {
  const [pending, setPending] = useState<PendingSelection | null>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const clearPending = useCallback(() => setPending(null), []);

  const read = useCallback(() => {
    if (!editor || editor.isDestroyed) return;
    if (popoverRef.current?.contains(document.activeElement)) return;
    const selection = document.getSelection();
    const container = containerRef.current;
    const dom = mountedDom(editor);
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !container || !dom) {
      setPending(null);
      return;
    }
    const range = selection.getRangeAt(0);
    if (!dom.contains(range.startContainer) || !dom.contains(range.endContainer)) {
      setPending(null);
      return;
    }
    let from: number;
    let to: number;
    try {
      from = editor.view.posAtDOM(range.startContainer, range.startOffset);
      to = editor.view.posAtDOM(range.endContainer, range.endOffset);
    } catch {
      return;
    }
    const { text, blocks } = textMapOf(editor.state.doc);
    const raw = pmSelectionToPlainSpan(blocks, from, to);
    const span = raw && normaliseSpan(text, raw.start, raw.end);
    if (!span) {
      setPending(null);
      return;
    }
    const rect = range.getBoundingClientRect();
    const box = container.getBoundingClientRect();
    setPending({
      start: span.start,
      end: span.end,
      quote: text.slice(span.start, span.end),
      position: { top: rect.bottom - box.top + 8, left: popoverLeft(rect.left, box) },
    });
    onSelected();
  }, [editor, containerRef, textMapOf, onSelected]);
  useSelectionChange(enabled && editor ? read : null);

  return { pending, clearPending, popoverRef };
}

/**
 * People who cannot tag and select text in `containerRef` are told why nothing happens: the
 * reason while a selection is there, else "" (for a polite live region).
 */
export function useReadOnlyNotice(
  containerRef: RefObject<HTMLDivElement | null>,
  canAnnotate: boolean,
  readOnlyReason: string | undefined,
): string {
  const [readOnlyNotice, setReadOnlyNotice] = useState("");
  const read = useCallback(() => {
    const selection = document.getSelection();
    const container = containerRef.current;
    const selected =
      !!selection &&
      selection.rangeCount > 0 &&
      !selection.isCollapsed &&
      !!container?.contains(selection.getRangeAt(0).commonAncestorContainer);
    setReadOnlyNotice(selected && readOnlyReason ? readOnlyReason : "");
  }, [containerRef, readOnlyReason]);
  useSelectionChange(canAnnotate || !readOnlyReason ? null : read);
  return readOnlyNotice;
}
