import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type { HighlightRange } from "./text-map";

/**
 * Caret browsing for people who annotate but do not correct: the body is focusable and shows a
 * caret (the view is "editable" so the browser draws one and Shift+arrows select), but no
 * change of the text is accepted from this browser: typing, deleting, pasting, dropping and
 * cutting are refused at the input events, and any document change that does not come from the
 * live document (the Yjs binding marks its own) is filtered out. The server refuses such
 * writes too (a read-only connection); this only keeps the reader's copy as it is.
 */
export const caretBrowsingKey = new PluginKey("caretBrowsing");

const refuse = (_view: unknown, event: Event) => {
  event.preventDefault();
  return true;
};

export const CaretBrowsing = Extension.create({
  name: "caretBrowsing",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: caretBrowsingKey,
        // The Yjs binding marks the transactions it makes (remote edits, the first render).
        filterTransaction: (tr) => !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined,
        props: {
          handleTextInput: () => true,
          handlePaste: () => true,
          handleDrop: () => true,
          handleDOMEvents: {
            beforeinput: refuse,
            cut: refuse,
            dragstart: refuse,
          },
        },
      }),
    ];
  },
});

/**
 * Brings ProseMirror's selection to where the browser's caret is, and returns its head.
 * ProseMirror learns of a caret moved by the browser (Ctrl+Home, arrows) from the
 * `selectionchange` event, which comes after the keydown that moved it: a key pressed right after
 * (N at once after Ctrl+Home) would otherwise act from the old place, and a selection set from
 * there could be undone when the late event arrives.
 */
export function syncCaretFromDom(view: EditorView): number {
  const selection = view.dom.ownerDocument.getSelection();
  const node = selection?.focusNode;
  if (!node || !view.dom.contains(node)) return view.state.selection.head;
  let head: number;
  try {
    head = view.posAtDOM(node, selection.focusOffset);
  } catch {
    // a node ProseMirror does not map (a widget): its own selection
    return view.state.selection.head;
  }
  if (head !== view.state.selection.head) {
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, head)));
  }
  return head;
}

/** The highlights at a document position, innermost (shortest) first, one entry per annotation. */
export function highlightsAt(ranges: readonly HighlightRange[], pos: number): HighlightRange[] {
  const seen = new Set<string>();
  return ranges
    .filter((range) => range.from <= pos && pos < range.to)
    .sort((a, b) => a.to - a.from - (b.to - b.from))
    .filter((range) => {
      if (seen.has(range.id)) return false;
      seen.add(range.id);
      return true;
    });
}

/**
 * Where the next (direction 1) or previous (-1) highlight begins, from a caret position, in
 * reading order; null when there is none that way.
 */
export function adjacentHighlightStart(
  ranges: readonly HighlightRange[],
  pos: number,
  direction: 1 | -1,
): HighlightRange | null {
  // A highlight in several pieces (across paragraphs) is reached at its first piece.
  const starts = ranges.filter((range) => range.first).sort((a, b) => a.from - b.from || a.to - b.to);
  if (direction === 1) return starts.find((range) => range.from > pos) ?? null;
  return starts.findLast((range) => range.from < pos) ?? null;
}
