import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highlightDecorations } from "../../components/annotator/highlight-extension.ts";
import { labelForKey } from "../../components/annotator/labels.ts";
import {
  buildHighlightRanges,
  highlightsAt,
  plainSpanToPmRanges,
  pmPosToPlainOffset,
  pmSelectionToPlainSpan,
} from "../../components/annotator/text-map.ts";
import { articleSchema } from "../../lib/articles/editor-schema.ts";
import { plainTextWithMap } from "../../lib/articles/plain-text.ts";

const schema = articleSchema();
// "Head" / "one\ntwo" (hard break) / list item "item" / quoted "quoted"
const doc = schema.node("doc", null, [
  schema.node("heading", { level: 2 }, [schema.text("Head")]),
  schema.node("paragraph", null, [
    schema.text("one "),
    schema.text("bold", [schema.mark("bold")]),
    schema.node("hardBreak"),
    schema.text("two"),
  ]),
  schema.node("bulletList", null, [
    schema.node("listItem", null, [schema.node("paragraph", null, [schema.text("item")])]),
  ]),
  schema.node("blockquote", null, [schema.node("paragraph", null, [schema.text("quoted 😀 end")])]),
]);
const { text, blocks } = plainTextWithMap(doc);

/** The plain text a ProseMirror range covers, by the same rule (hard break = "\n"). */
function pmText(from: number, to: number): string {
  return doc.textBetween(from, to, "\n\n", (node) => (node.type.name === "hardBreak" ? "\n" : ""));
}

describe("plain-text offsets and ProseMirror positions", () => {
  it("maps a span inside one block to the same text", () => {
    const start = text.indexOf("bold");
    const ranges = plainSpanToPmRanges(blocks, start, start + 4);
    expect(ranges).toHaveLength(1);
    expect(doc.textBetween(ranges[0]!.from, ranges[0]!.to)).toBe("bold");
  });

  it("splits a span across blocks into one range per block, skipping the separators", () => {
    const start = text.indexOf("two");
    const end = text.indexOf("quoted") + "quoted".length;
    const ranges = plainSpanToPmRanges(blocks, start, end);
    expect(ranges.map((range) => pmText(range.from, range.to))).toEqual(["two", "item", "quoted"]);
  });

  it("round-trips every span of the text through positions and back (property)", () => {
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(text.length), (a, b) => {
        const start = Math.min(a, b);
        const end = Math.max(a, b);
        const ranges = plainSpanToPmRanges(blocks, start, end);
        const joined = ranges.map((range) => pmText(range.from, range.to)).join("\n\n");
        const expected = text.slice(start, end).replace(/^\n+|\n+$/g, "");
        // Only separators may be lost at the ends of a span (they are not in any block).
        expect(joined.replace(/^\n+|\n+$/g, "")).toBe(expected.replace(/^\n+|\n+$/g, ""));
        if (ranges.length > 0) {
          const span = pmSelectionToPlainSpan(blocks, ranges[0]!.from, ranges.at(-1)!.to);
          expect(span).not.toBeNull();
          expect(span!.start).toBeGreaterThanOrEqual(start);
          expect(span!.end).toBeLessThanOrEqual(end);
          expect(pmText(ranges[0]!.from, ranges.at(-1)!.to).replace(/\n+/g, "")).toBe(
            text.slice(span!.start, span!.end).replace(/\n+/g, ""),
          );
        }
      }),
    );
  });

  it("moves positions between blocks to the next block's start or the previous block's end", () => {
    const paragraph = blocks[1]!;
    const between = paragraph.pmStart - 1; // before the paragraph opens
    expect(pmPosToPlainOffset(blocks, between, "start")).toBe(paragraph.textStart);
    expect(pmPosToPlainOffset(blocks, between, "end")).toBe(blocks[0]!.textEnd);
    expect(pmPosToPlainOffset(blocks, doc.content.size, "start")).toBeNull();
    expect(pmSelectionToPlainSpan(blocks, between, between)).toBeNull();
  });

  it("counts UTF-16 code units, as the annotation offsets do", () => {
    const start = text.indexOf("😀");
    const ranges = plainSpanToPmRanges(blocks, start, start + 2);
    expect(doc.textBetween(ranges[0]!.from, ranges[0]!.to)).toBe("😀");
    expect(pmSelectionToPlainSpan(blocks, ranges[0]!.from, ranges[0]!.to)).toEqual({ start, end: start + 2 });
  });
});

describe("highlight ranges and decorations", () => {
  const fact = { id: "a", label: "fact" as const, start: text.indexOf("one"), end: text.indexOf("two") + 3 };
  const opinion = {
    id: "b",
    label: "opinion" as const,
    start: text.indexOf("bold"),
    end: text.indexOf("item") + 4,
  };

  it("builds ranges in document order, one per block, marking where each highlight begins", () => {
    const ranges = buildHighlightRanges(blocks, [opinion, fact]);
    expect(ranges.map((range) => [range.id, pmText(range.from, range.to), range.first])).toEqual([
      ["a", "one bold\ntwo", true],
      ["b", "bold\ntwo", true],
      ["b", "item", false],
    ]);
  });

  it("finds every highlight covering a position, for the overlap chooser", () => {
    const ranges = buildHighlightRanges(blocks, [opinion, fact]);
    const insideBoth = plainSpanToPmRanges(blocks, text.indexOf("bold"), text.indexOf("bold") + 1)[0]!.from;
    expect(highlightsAt(ranges, insideBoth)).toEqual(["a", "b"]);
    const onlyOpinion = plainSpanToPmRanges(blocks, text.indexOf("item"), text.indexOf("item") + 1)[0]!.from;
    expect(highlightsAt(ranges, onlyOpinion)).toEqual(["b"]);
  });

  it("gives every highlight its own element with data-annotation-id and data-label, plus a badge", () => {
    const ranges = buildHighlightRanges(blocks, [opinion, fact]);
    const set = highlightDecorations(doc, ranges, "b");
    const found = set.find();
    const inline = found.filter((decoration) => decoration.from !== decoration.to);
    expect(inline).toHaveLength(3);
    const attrs = inline.map(
      (decoration) => (decoration as unknown as { type: { attrs: Record<string, string> } }).type.attrs,
    );
    expect(attrs.every((a) => a.nodeName === "span")).toBe(true);
    expect(attrs.map((a) => [a["data-annotation-id"], a["data-label"]])).toEqual(
      expect.arrayContaining([
        ["a", "fact"],
        ["b", "opinion"],
      ]),
    );
    expect(
      attrs
        .filter((a) => (a.class ?? "").includes("hl-active"))
        .every((a) => a["data-annotation-id"] === "b"),
    ).toBe(true);
    // One badge (widget) per highlight, not per piece.
    expect(found.filter((decoration) => decoration.from === decoration.to)).toHaveLength(2);
  });

  it("reads label shortcuts: 1/2/3 and F/O/A", () => {
    expect(["1", "2", "3", "F", "o", "a", "x"].map(labelForKey)).toEqual([
      "fact",
      "opinion",
      "advocacy",
      "fact",
      "opinion",
      "advocacy",
      null,
    ]);
  });
});
