import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type Anchor,
  buildAnchor,
  normaliseSpan,
  resolveAnchor,
  yPlainText,
} from "../../lib/anchors/anchor.ts";
import { listYTextblocks } from "../../lib/anchors/y-text-positions.ts";
import { docToYUpdate, yDocToBody } from "../../lib/articles/body-document.ts";
import { textToDoc } from "../../lib/articles/import-body.ts";
import { docToPlainText } from "../../lib/articles/plain-text.ts";
import { DEMO_TEXT as demoBody } from "../support/demo-text.ts";

function bodyDoc(text: string): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, docToYUpdate(textToDoc(text)));
  return { doc, fragment: doc.getXmlFragment("default") };
}

function textBlocks(fragment: Y.XmlFragment) {
  return listYTextblocks(fragment).map((block) => ({ ...block, text: block.element.get(0) as Y.XmlText }));
}

describe("anchors on the live body", () => {
  it("reads the same plain text from Yjs as from ProseMirror", () => {
    const { doc, fragment } = bodyDoc(`${demoBody}\n\nA line\nwith a break and 😀 <b>not markup</b>`);
    expect(yPlainText(fragment)).toBe(docToPlainText(yDocToBody(doc)));
  });

  it("moves a highlight with its text when text is inserted before it", () => {
    const { doc, fragment } = bodyDoc(demoBody);
    const text = yPlainText(fragment);
    const start = text.indexOf("34,573 airstrikes");
    const anchor = buildAnchor(fragment, start, start + "34,573 airstrikes".length);
    textBlocks(fragment)[0]!.text.insert(0, "CORRECTED: ");
    const span = resolveAnchor(doc, fragment, anchor, "34,573 airstrikes");
    expect(span).toMatchObject({ start: start + 11, quote: "34,573 airstrikes" });
    expect(span!.prefix.endsWith("a total of ")).toBe(true);
  });

  it("orphans a highlight whose text is deleted, and never re-attaches it to a lookalike", () => {
    const { doc, fragment } = bodyDoc("The coalition said so.\n\nThe coalition said so.");
    const anchor = buildAnchor(fragment, 4, 13); // "coalition" in the first paragraph
    const first = textBlocks(fragment)[0]!.text;
    first.delete(0, first.length);
    expect(resolveAnchor(doc, fragment, anchor, "coalition")).toBeNull();
    // The identical passage in the second paragraph is still there; it is not taken instead.
    expect(yPlainText(fragment)).toContain("The coalition said so.");
  });

  it("orphans a highlight whose paragraph is removed", () => {
    const { doc, fragment } = bodyDoc("Alpha beta.\n\nGamma delta.");
    const anchor = buildAnchor(fragment, 13, 18);
    fragment.delete(1, 1);
    expect(resolveAnchor(doc, fragment, anchor, "Gamma")).toBeNull();
  });

  it("keeps text typed at a highlight's edges outside it", () => {
    const { doc, fragment } = bodyDoc("one two three");
    const anchor = buildAnchor(fragment, 4, 7);
    const text = textBlocks(fragment)[0]!.text;
    text.insert(7, "!");
    text.insert(4, "[");
    expect(resolveAnchor(doc, fragment, anchor, "two")).toMatchObject({ start: 5, end: 8 });
  });

  it("anchors spans across paragraphs and hard breaks", () => {
    const { doc, fragment } = bodyDoc("First line\nsecond line\n\nNext paragraph");
    const text = yPlainText(fragment);
    const start = text.indexOf("line\nsecond");
    const end = text.indexOf("Next") + 4;
    const anchor = buildAnchor(fragment, start, end);
    expect(resolveAnchor(doc, fragment, anchor, text.slice(start, end))).toMatchObject({ start, end });
  });

  it("trims whitespace and block separators off a span", () => {
    expect(normaliseSpan("ab.\n\n  cd", 2, 5)).toEqual({ start: 2, end: 3 });
    expect(normaliseSpan("ab.\n\n  cd", 3, 7)).toBeNull();
    expect(normaliseSpan("ab.\n\n  cd", 4, 99)).toEqual({ start: 7, end: 9 });
  });

  it("refuses empty or out-of-range spans", () => {
    const { fragment } = bodyDoc("short");
    expect(() => buildAnchor(fragment, 3, 3)).toThrow(RangeError);
    expect(() => buildAnchor(fragment, 0, 99)).toThrow(RangeError);
  });

  it("after random corrections, every highlight is exactly where its text went, or orphaned (property)", () => {
    type Edit = {
      kind: "insert" | "delete" | "dropBlock";
      block: number;
      at: number;
      length: number;
      text: string;
    };
    const edit = fc.record({
      kind: fc.constantFrom<Edit["kind"]>("insert", "insert", "delete", "delete", "dropBlock"),
      block: fc.nat(40),
      at: fc.nat(400),
      length: fc.integer({ min: 1, max: 40 }),
      text: fc.constantFrom("x", "the ", "😀", "à", "\u200b", "مرحبا "),
    });
    const span = fc.tuple(fc.nat(demoBody.length - 1), fc.integer({ min: 1, max: 120 }));
    fc.assert(
      fc.property(
        fc.array(span, { minLength: 1, maxLength: 12 }),
        fc.array(edit, { minLength: 1, maxLength: 15 }),
        (spans, edits) => {
          const { doc, fragment } = bodyDoc(demoBody);
          const text0 = yPlainText(fragment);
          const annotations = spans
            .flatMap(([start, length]) => normaliseSpan(text0, start, start + length) ?? [])
            .map((a) => ({
              quote: text0.slice(a.start, a.end),
              anchor: buildAnchor(fragment, a.start, a.end) as Anchor,
              expected: { ...a } as { start: number; end: number } | null,
            }));
          // A plain-string model of each edit moves the expected spans (or orphans them).
          const apply = (at: number, removed: number, inserted: number) => {
            for (const a of annotations) {
              if (!a.expected) continue;
              const { start, end } = a.expected;
              if (removed === 0 ? at <= start : at + removed <= start)
                a.expected = { start: start + inserted - removed, end: end + inserted - removed };
              else if (at >= end) continue;
              else a.expected = null;
            }
          };
          for (const e of edits) {
            const blocks = textBlocks(fragment);
            const block = blocks[e.block % blocks.length]!;
            if (e.kind === "insert") {
              const at = e.at % (block.text.length + 1);
              block.text.insert(at, e.text);
              apply(block.start + at, 0, e.text.length);
            } else if (e.kind === "delete" && block.text.length > 0) {
              const at = e.at % block.text.length;
              const length = Math.min(e.length, block.text.length - at);
              block.text.delete(at, length);
              apply(block.start + at, length, 0);
            } else if (e.kind === "dropBlock" && blocks.length > 1) {
              const index = blocks.indexOf(block);
              const from = index === 0 ? block.start : block.start - 2;
              const removed = block.length + 2;
              const parent = block.element.parent as Y.XmlFragment;
              parent.delete(parent.toArray().indexOf(block.element), 1);
              apply(from, removed, 0);
            }
          }
          const text = yPlainText(fragment);
          for (const a of annotations) {
            const resolved = resolveAnchor(doc, fragment, a.anchor, a.quote, text);
            if (resolved) {
              // Found: exactly its quoted text, exactly where the model says it went.
              expect(text.slice(resolved.start, resolved.end)).toBe(a.quote);
              expect(a.expected).toEqual({ start: resolved.start, end: resolved.end });
            } else {
              // Orphaned only when its own text was touched.
              expect(a.expected).toBeNull();
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
