// The server-rendered article body paints highlights where the live editor would: offsets into
// the plain text of lib/articles/plain-text.ts, cut at every boundary, nested outermost first,
// the letter badge on each highlight's first piece only.
import { JSDOM } from "jsdom";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ArticleBodyStatic } from "../../components/articles/article-body-static.tsx";
import type { HighlightSpan } from "../../lib/annotations/list-highlight-spans.ts";
import { articleSchema } from "../../lib/articles/editor-schema.ts";
import { docToPlainText } from "../../lib/articles/plain-text.ts";

const schema = articleSchema();
const bold = schema.marks.bold!.create();
const doc = schema.node("doc", null, [
  schema.node("heading", { level: 2 }, [schema.text("Strikes <b>on</b> Raqqa")]),
  schema.node("paragraph", null, [
    schema.text("At least "),
    schema.text("1,335 civilians", [bold]),
    schema.text(" were killed,"),
    schema.node("hardBreak"),
    schema.text("monitors said."),
  ]),
  schema.node("bulletList", null, [
    schema.node("listItem", null, [schema.node("paragraph", null, [schema.text("Item 😀 one")])]),
  ]),
  schema.node("blockquote", null, [schema.node("paragraph", null, [schema.text("A quoted line.")])]),
]);
const text = docToPlainText(doc);

function span(id: string, label: HighlightSpan["label"], quote: string, occurrence = 0): HighlightSpan {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return { id, label, start, end: start + quote.length };
}

function render(highlights: HighlightSpan[]): Document {
  const sorted = [...highlights].sort(
    (a, b) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id),
  );
  const html = renderToStaticMarkup(
    createElement(ArticleBodyStatic, { content: doc.toJSON(), highlights: sorted }),
  );
  return new JSDOM(`<body>${html}</body>`).window.document;
}

// The text a highlight covers: its pieces' text in document order (nested pieces counted once).
function paintedText(document: Document, id: string): string {
  return [...document.querySelectorAll(`[data-annotation-id="${id}"]`)]
    .filter((element) => !element.parentElement?.closest(`[data-annotation-id="${id}"]`))
    .map((element) => element.textContent)
    .join("");
}

describe("ArticleBodyStatic", () => {
  const highlights = [
    span("a", "fact", "1,335 civilians were killed"), // across a bold mark
    span("b", "opinion", "civilians"), // inside a
    span("c", "advocacy", "were killed,\nmonitors"), // overlaps a, across a hard break
    span("d", "fact", "monitors said.\n\nItem 😀"), // across textblocks into a list, astral character
    span("e", "opinion", "Raqqa"), // in the heading, after text that looks like markup
    span("f", "advocacy", "quoted line"),
  ];
  const document = render(highlights);

  it("paints every highlight over exactly its quote", () => {
    for (const highlight of highlights) {
      const quote = text.slice(highlight.start, highlight.end).replace(/\n+/g, "");
      expect(paintedText(document, highlight.id), highlight.id).toBe(quote);
    }
  });

  it("nests an enclosed highlight inside the one enclosing it, with the label's class", () => {
    const inner = document.querySelector('[data-annotation-id="b"]')!;
    expect(inner.className).toBe("hl hl-opinion");
    expect(inner.parentElement?.closest("[data-annotation-id]")?.getAttribute("data-annotation-id")).toBe(
      "a",
    );
  });

  it("puts the letter badge on the first piece of each highlight only", () => {
    for (const highlight of highlights) {
      const pieces = [...document.querySelectorAll(`[data-annotation-id="${highlight.id}"]`)];
      const badged = pieces.filter((piece) => piece.hasAttribute("data-letter"));
      expect(badged, highlight.id).toHaveLength(1);
      expect(badged[0]).toBe(pieces[0]);
      expect(badged[0]!.getAttribute("data-letter")).toBe(
        { fact: "F", opinion: "O", advocacy: "A" }[highlight.label],
      );
    }
    // Pieces after the first (d continues into the list item) carry no badge.
    expect(document.querySelectorAll('[data-annotation-id="d"]').length).toBeGreaterThan(1);
  });

  it("keeps the text, marks and structure, and never turns text into markup", () => {
    expect(document.body.textContent).toBe(text.replace(/\n/g, ""));
    expect(document.querySelector("h3")?.textContent).toBe("Strikes <b>on</b> Raqqa");
    expect(document.querySelector("h3 b")).toBeNull();
    expect(document.querySelector("strong")?.textContent).toBe("1,335 civilians");
    expect(document.querySelector("br")).not.toBeNull();
    expect(document.querySelector("li blockquote, blockquote p")?.textContent).toBe("A quoted line.");
  });

  it("paints nothing without highlights, and ignores a highlight outside the text", () => {
    const plain = render([]);
    expect(plain.querySelectorAll("[data-annotation-id]")).toHaveLength(0);
    const outside = render([{ id: "z", label: "fact", start: text.length + 5, end: text.length + 9 }]);
    expect(outside.querySelectorAll("[data-annotation-id]")).toHaveLength(0);
    expect(outside.body.textContent).toBe(text.replace(/\n/g, ""));
  });
});
