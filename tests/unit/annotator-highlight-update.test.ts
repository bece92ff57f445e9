import { EditorState } from "@tiptap/pm/state";
import { type DecorationSet, EditorView } from "@tiptap/pm/view";
import fc from "fast-check";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  highlightDecorations,
  updateHighlightDecorations,
} from "../../components/annotator/highlight-extension.ts";
import { type AnchoredHighlight, buildHighlightRanges } from "../../components/annotator/text-map.ts";
import { articleSchema } from "../../lib/articles/editor-schema.ts";
import { plainTextWithMap } from "../../lib/articles/plain-text.ts";
import type { LabelName } from "../../lib/validation/annotations.ts";

// prosemirror-view draws into a DOM: a jsdom window stands in for the browser's.
const dom = new JSDOM("<!doctype html><html><body></body></html>");
const globals = [
  "window",
  "document",
  "navigator",
  "Node",
  "HTMLElement",
  "MutationObserver",
  "getSelection",
];
const saved = new Map<string, unknown>();
beforeAll(() => {
  for (const name of globals) {
    saved.set(name, (globalThis as Record<string, unknown>)[name]);
    const value = (dom.window as unknown as Record<string, unknown>)[name];
    Object.defineProperty(globalThis, name, {
      value: typeof value === "function" && name === "getSelection" ? value.bind(dom.window) : value,
      configurable: true,
      writable: true,
    });
  }
});
afterAll(() => {
  for (const [name, value] of saved)
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
});

const schema = articleSchema();
const doc = schema.node("doc", null, [
  schema.node("heading", { level: 2 }, [schema.text("The coalition and its figures")]),
  schema.node("paragraph", null, [
    schema.text("The coalition conducted "),
    schema.text("34,573 airstrikes", [schema.mark("bold")]),
    schema.node("hardBreak"),
    schema.text("in Iraq and Syria."),
  ]),
  schema.node("bulletList", null, [
    schema.node("listItem", null, [
      schema.node("paragraph", null, [schema.text("At least 1,335 civilians.")]),
    ]),
  ]),
  schema.node("blockquote", null, [
    schema.node("paragraph", null, [schema.text("They must have support 😀!")]),
  ]),
]);
const { text, blocks } = plainTextWithMap(doc);

/** The HTML the editor shows for a decoration set. */
function render(decorations: DecorationSet): string {
  const place = document.createElement("div");
  const view = new EditorView(place, {
    state: EditorState.create({ doc }),
    decorations: () => decorations,
    editable: () => false,
  });
  const html = view.dom.innerHTML;
  view.destroy();
  return html;
}

const LABELS: LabelName[] = ["fact", "opinion", "advocacy"];
const IDS = ["a", "b", "c", "d", "e", "f", "g", "h"];
// Few distinct starts and lengths, so that exact ties (same start and end) are common.
const start = fc.integer({ min: 0, max: 6 }).map((n) => Math.floor((n * text.length) / 7));
const length = fc.constantFrom(1, 9, 30, 60);
const highlight = fc.record({
  id: fc.constantFrom(...IDS),
  label: fc.constantFrom(...LABELS),
  start,
  length,
});
// One change as the live state brings them: a highlight added, moved, relabelled or removed, or
// another one selected.
const change = fc.oneof(
  highlight.map((h) => ({ kind: "put" as const, ...h })),
  fc.record({
    kind: fc.constant("relabel" as const),
    id: fc.constantFrom(...IDS),
    label: fc.constantFrom(...LABELS),
  }),
  fc.record({ kind: fc.constant("remove" as const), id: fc.constantFrom(...IDS) }),
  fc.record({ kind: fc.constant("select" as const), id: fc.option(fc.constantFrom(...IDS), { nil: null }) }),
);

describe("updating highlight decorations incrementally", () => {
  it("renders exactly what a fresh decoration set renders, over random sequences of changes", () => {
    fc.assert(
      fc.property(
        fc.array(highlight, { maxLength: 8 }),
        fc.array(fc.array(change, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
        (initial, batches) => {
          const highlights = new Map<string, AnchoredHighlight>();
          const put = (h: { id: string; label: LabelName; start: number; length: number }) =>
            highlights.set(h.id, {
              id: h.id,
              label: h.label,
              start: h.start,
              end: Math.min(text.length, h.start + h.length),
            });
          for (const h of initial) put(h);
          let activeId = null as string | null;
          let ranges = buildHighlightRanges(blocks, [...highlights.values()]);
          let shown = { ranges, decorations: highlightDecorations(doc, ranges, activeId), activeId };
          for (const batch of batches) {
            for (const c of batch) {
              if (c.kind === "put") put(c);
              else if (c.kind === "relabel" && highlights.has(c.id))
                highlights.set(c.id, { ...highlights.get(c.id)!, label: c.label });
              else if (c.kind === "remove") highlights.delete(c.id);
              else if (c.kind === "select") activeId = c.id;
            }
            ranges = buildHighlightRanges(blocks, [...highlights.values()]);
            const incremental = updateHighlightDecorations(doc, shown, ranges, activeId);
            expect(render(incremental)).toBe(render(highlightDecorations(doc, ranges, activeId)));
            shown = { ranges, decorations: incremental, activeId };
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it("changes only the changed highlight and keeps the rest of the set", () => {
    const many: AnchoredHighlight[] = Array.from({ length: 40 }, (_, i) => ({
      id: `h${i}`,
      label: LABELS[i % 3]!,
      start: i * 3,
      end: i * 3 + 2,
    }));
    const ranges = buildHighlightRanges(blocks, many);
    const decorations = highlightDecorations(doc, ranges, null);
    const relabelled = many.map((item) =>
      item.id === "h7" ? { ...item, label: "advocacy" as const } : item,
    );
    const next = buildHighlightRanges(blocks, relabelled);
    const updated = updateHighlightDecorations(doc, { ranges, decorations, activeId: null }, next, null);
    expect(updated).not.toBe(decorations);
    const labelOf = (set: DecorationSet, id: string) =>
      set
        .find(undefined, undefined, (spec) => spec.annotationId === id)
        .map(
          (decoration) => (decoration as unknown as { type: { attrs?: Record<string, string> } }).type.attrs,
        )
        .filter(Boolean)
        .map((attrs) => attrs!["data-label"]);
    expect(labelOf(updated, "h7")).toEqual(["advocacy"]);
    expect(labelOf(updated, "h8")).toEqual(labelOf(decorations, "h8"));
    expect(render(updated)).toBe(render(highlightDecorations(doc, next, null)));
    // Nothing changed: the very same set comes back.
    expect(
      updateHighlightDecorations(doc, { ranges: next, decorations: updated, activeId: null }, next, null),
    ).toBe(updated);
  });
});
