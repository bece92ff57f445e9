"use client";

import type { Editor } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { useCallback, useEffect, useRef, useState } from "react";
import { adjacentHighlightStart, highlightsAt, syncCaretFromDom } from "./caret-browsing";
import { mountedDom } from "./editor-dom";
import { currentHighlightRanges } from "./highlight-extension";
import { describeHighlight, labelForKey } from "./labels";
import type { ShownAnnotation } from "./resolve-annotations";

/**
 * The caret as the browser has it at a key press. The browser moves the selection at once (an
 * arrow key, Ctrl+Home), but tells ProseMirror only by a later `selectionchange` event: a key
 * pressed right after another would otherwise act on the caret's previous place.
 */
function caretAt(view: EditorView): { head: number; empty: boolean } {
  const selection = document.getSelection();
  const node = selection?.focusNode;
  if (selection && node && view.dom.contains(node)) {
    try {
      return { head: view.posAtDOM(node, selection.focusOffset), empty: selection.isCollapsed };
    } catch {
      // Not a position of the document (a widget): ProseMirror's own idea below.
    }
  }
  return { head: view.state.selection.head, empty: view.state.selection.empty };
}

/**
 * What caret browsing says (the highlight under the caret, a tag made, a key that did nothing),
 * for a polite live region; the counter lets the same sentence be announced twice in a row.
 */
export function useCaretAnnouncer() {
  const [caretMessage, setCaretMessage] = useState({ text: "", n: 0 });
  const say = useCallback((text: string) => setCaretMessage((last) => ({ text, n: last.n + 1 })), []);
  return { caretMessage, say };
}

/**
 * Caret browsing: N and P move the caret to the next or previous highlight in reading order,
 * Enter opens the highlight under the caret (`open`); a highlight the caret enters is announced
 * through `say` (label, author, status, evidence counts).
 */
export function useCaretBrowsing({
  enabled,
  editor,
  showEditor,
  byId,
  say,
  open,
}: {
  enabled: boolean;
  editor: Editor | null;
  /** The live editor is shown (not the server-rendered body). */
  showEditor: boolean;
  byId: ReadonlyMap<string, ShownAnnotation>;
  say: (text: string) => void;
  open: (id: string) => void;
}): void {
  const byIdRef = useRef(byId);
  byIdRef.current = byId;
  useEffect(() => {
    const dom = showEditor ? mountedDom(editor) : null;
    if (!enabled || !editor || !dom) return;
    const view = editor.view;
    let lastAt = "";
    const announceAt = () => {
      if (editor.isDestroyed || !view.hasFocus() || !view.state.selection.empty) return;
      const here = highlightsAt(currentHighlightRanges(view), view.state.selection.head);
      const key = here.map((range) => range.id).join(" ");
      if (key === lastAt) return;
      lastAt = key;
      const words = here
        .map((range) => byIdRef.current.get(range.id))
        .filter((annotation) => annotation !== undefined)
        .map((annotation) => describeHighlight(annotation));
      if (words.length > 0) say(`${words.join("; ")}. Enter opens it in the list.`);
    };
    const onSelection = () => announceAt();
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const key = event.key.toLowerCase();
      const ranges = currentHighlightRanges(view);
      const selection = caretAt(view);
      if (key === "n" || key === "p") {
        event.preventDefault();
        event.stopImmediatePropagation();
        // ProseMirror's selection is brought to the browser's caret first: a selection set from
        // its stale one would be a no-op (nothing announced) and undone by the late selectionchange.
        const head = syncCaretFromDom(view);
        const target = adjacentHighlightStart(ranges, head, key === "n" ? 1 : -1);
        if (!target) {
          say(key === "n" ? "No more highlights after this point." : "No highlights before this point.");
          return;
        }
        // The selection update this causes announces it (even when the caret was in it already).
        lastAt = "";
        view.dispatch(
          view.state.tr.setSelection(TextSelection.create(view.state.doc, target.from)).scrollIntoView(),
        );
      } else if (event.key === "Enter") {
        event.preventDefault();
        event.stopImmediatePropagation();
        const [innermost] = highlightsAt(ranges, syncCaretFromDom(view));
        if (innermost) open(innermost.id);
        else say("No highlight here. N and P move to the next and previous highlight.");
      } else if (selection.empty && labelForKey(key)) {
        event.preventDefault();
        say("Select text first: hold Shift and move with the arrow keys, then press 1, 2 or 3.");
      }
    };
    // Capture: before ProseMirror's own key handling on the same element (Enter would split).
    dom.addEventListener("keydown", onKey, true);
    editor.on("selectionUpdate", onSelection);
    return () => {
      dom.removeEventListener("keydown", onKey, true);
      editor.off("selectionUpdate", onSelection);
    };
  }, [enabled, editor, showEditor, say, open]);
}
