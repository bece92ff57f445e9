import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { LABEL_META } from "./labels";
import type { HighlightRange } from "./text-map";

interface HighlightState {
  ranges: HighlightRange[];
  decorations: DecorationSet;
  activeId: string | null;
  /** True once an edit has mapped the ranges: the next update then rebuilds from scratch. */
  mapped: boolean;
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

function pushRangeDecorations(
  decorations: Decoration[],
  range: HighlightRange,
  activeId: string | null,
): void {
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
        annotationId: range.id,
      }),
    );
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
  for (const range of ranges) pushRangeDecorations(decorations, range, activeId);
  return DecorationSet.create(doc, decorations);
}

function groupById(ranges: readonly HighlightRange[]): Map<string, HighlightRange[]> {
  const groups = new Map<string, HighlightRange[]>();
  for (const range of ranges) {
    const group = groups.get(range.id);
    if (group) group.push(range);
    else groups.set(range.id, [range]);
  }
  return groups;
}

function samePieces(
  a: readonly HighlightRange[] | undefined,
  b: readonly HighlightRange[] | undefined,
): boolean {
  if (!a || !b) return a === b;
  return (
    a.length === b.length &&
    a.every((range, i) => {
      const other = b[i]!;
      return (
        range.from === other.from &&
        range.to === other.to &&
        range.label === other.label &&
        range.first === other.first
      );
    })
  );
}

// Decorations that share both ends (or badges that share a position) are ordered by the order
// they were added in; keys that name those ties, so that tied highlights are replaced together.
function tieKeys(pieces: readonly HighlightRange[]): string[] {
  const keys: string[] = [];
  for (const piece of pieces) {
    keys.push(`${piece.from}:${piece.to}`);
    if (piece.first) keys.push(`w${piece.from}`);
  }
  return keys;
}

// Beyond this share of changed highlights a fresh set is cheaper than removing and adding.
const INCREMENTAL_LIMIT = 0.25;

/**
 * The decoration set for `ranges`, computed from the one shown for `previous` by removing and
 * adding only the highlights that changed (their pieces, label or active state). The result
 * renders exactly as highlightDecorations(doc, ranges, activeId) would; that function is used
 * instead when much has changed. `previous` must describe `doc` (no edit since).
 */
export function updateHighlightDecorations(
  doc: Parameters<typeof DecorationSet.create>[0],
  previous: { ranges: readonly HighlightRange[]; decorations: DecorationSet; activeId: string | null },
  ranges: readonly HighlightRange[],
  activeId: string | null,
): DecorationSet {
  const before = groupById(previous.ranges);
  const after = groupById(ranges);
  const changed = new Set<string>();
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    if (!samePieces(before.get(id), after.get(id)) || (id === previous.activeId) !== (id === activeId))
      changed.add(id);
  }
  if (changed.size === 0) return previous.decorations;
  const limit = Math.max(8, ranges.length * INCREMENTAL_LIMIT);
  if (changed.size > limit) return highlightDecorations(doc, ranges, activeId);

  // Close the changed set over ties, before and after.
  const idsByKey = new Map<string, Set<string>>();
  for (const groups of [before, after])
    for (const [id, pieces] of groups)
      for (const key of tieKeys(pieces)) {
        const ids = idsByKey.get(key);
        if (ids) ids.add(id);
        else idsByKey.set(key, new Set([id]));
      }
  const queue = [...changed];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const pieces of [before.get(id), after.get(id)])
      for (const key of tieKeys(pieces ?? []))
        for (const tied of idsByKey.get(key) ?? [])
          if (!changed.has(tied)) {
            changed.add(tied);
            queue.push(tied);
          }
    if (changed.size > limit) return highlightDecorations(doc, ranges, activeId);
  }

  const removed: Decoration[] = [];
  for (const id of changed)
    for (const piece of before.get(id) ?? [])
      removed.push(...previous.decorations.find(piece.from, piece.to, (spec) => spec.annotationId === id));
  const added: Decoration[] = [];
  for (const range of ranges) if (changed.has(range.id)) pushRangeDecorations(added, range, activeId);
  return previous.decorations.remove(removed).add(doc, added);
}

/**
 * Replaces the highlights shown in an editor view (no document change, not undoable). Only the
 * highlights that changed since the last call are redrawn, unless the body was edited since.
 */
export function showHighlights(view: EditorView, ranges: HighlightRange[], activeId: string | null): void {
  const previous = highlightPluginKey.getState(view.state);
  const decorations =
    previous && !previous.mapped
      ? updateHighlightDecorations(view.state.doc, previous, ranges, activeId)
      : highlightDecorations(view.state.doc, ranges, activeId);
  if (previous && !previous.mapped && decorations === previous.decorations && previous.activeId === activeId)
    return;
  const next: HighlightState = { ranges, decorations, activeId, mapped: false };
  view.dispatch(view.state.tr.setMeta(highlightPluginKey, next).setMeta("addToHistory", false));
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
          init: () => ({ ranges: [], decorations: DecorationSet.empty, activeId: null, mapped: false }),
          apply(tr, value) {
            const next = tr.getMeta(highlightPluginKey) as HighlightState | undefined;
            if (next) return next;
            if (!tr.docChanged) return value;
            return {
              activeId: value.activeId,
              mapped: true,
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
