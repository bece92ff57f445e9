import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { LABEL_META } from "./labels";
import type { HighlightRange } from "./text-map";

interface HighlightState {
  ranges: HighlightRange[];
  decorations: DecorationSet;
}

export const highlightPluginKey = new PluginKey<HighlightState>("annotationHighlights");

function badge(range: HighlightRange): () => HTMLElement {
  return () => {
    const element = document.createElement("span");
    element.className = `hl-badge hl-badge-${range.label}`;
    element.dataset.letter = LABEL_META[range.label].letter;
    element.dataset.badgeFor = range.id;
    element.setAttribute("aria-hidden", "true");
    element.contentEditable = "false";
    return element;
  };
}

/**
 * The decorations for a set of highlight ranges: one inline span per range, each its own
 * element (nodeName), so overlapping highlights nest instead of merging their attributes,
 * plus a letter badge where each highlight begins.
 */
export function highlightDecorations(
  doc: Parameters<typeof DecorationSet.create>[0],
  ranges: readonly HighlightRange[],
  activeId: string | null,
): DecorationSet {
  const decorations: Decoration[] = [];
  for (const range of ranges) {
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        {
          nodeName: "span",
          class: `hl hl-${range.label}${range.id === activeId ? " hl-active" : ""}`,
          "data-annotation-id": range.id,
          "data-label": range.label,
        },
        { annotationId: range.id },
      ),
    );
    if (range.first)
      decorations.push(
        Decoration.widget(range.from, badge(range), {
          side: -1,
          key: `badge-${range.id}-${range.label}`,
          ignoreSelection: true,
        }),
      );
  }
  return DecorationSet.create(doc, decorations);
}

/** Replaces the highlights shown in an editor view (no document change, not undoable). */
export function showHighlights(view: EditorView, ranges: HighlightRange[], activeId: string | null): void {
  const decorations = highlightDecorations(view.state.doc, ranges, activeId);
  view.dispatch(
    view.state.tr.setMeta(highlightPluginKey, { ranges, decorations }).setMeta("addToHistory", false),
  );
}

/** The highlight ranges currently shown (mapped through edits since they were computed). */
export function currentHighlightRanges(view: EditorView): HighlightRange[] {
  return highlightPluginKey.getState(view.state)?.ranges ?? [];
}

/**
 * Shows annotation highlights as decorations. The ranges are computed outside (from the
 * annotation state and the body's Yjs anchors) and set with showHighlights(); between two
 * computations, edits map them so that typing never waits for a full recompute.
 */
export const AnnotationHighlights = Extension.create({
  name: "annotationHighlights",
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: highlightPluginKey,
        state: {
          init: () => ({ ranges: [], decorations: DecorationSet.empty }),
          apply(tr, value) {
            const next = tr.getMeta(highlightPluginKey) as HighlightState | undefined;
            if (next) return next;
            if (!tr.docChanged) return value;
            return {
              decorations: value.decorations.map(tr.mapping, tr.doc),
              ranges: value.ranges
                .map((range) => ({
                  ...range,
                  from: tr.mapping.map(range.from, 1),
                  to: tr.mapping.map(range.to, -1),
                }))
                .filter((range) => range.to > range.from),
            };
          },
        },
        props: {
          decorations(state) {
            return highlightPluginKey.getState(state)?.decorations;
          },
        },
      }),
    ];
  },
});
