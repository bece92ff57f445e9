import { prosemirrorToYDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { resolveAnnotations } from "../../components/annotator/resolve-annotations.ts";
import { buildAnchor, resolveAnchor, yPlainText } from "../../lib/anchors/anchor.ts";
import type { AnnotationJson } from "../../lib/annotations/annotation-json.ts";
import { BODY_FIELD } from "../../lib/articles/body-document.ts";
import { textToDoc } from "../../lib/articles/import-body.ts";
import type { LabelName } from "../../lib/validation/annotations.ts";
import { live } from "../support/live-forms.ts";

const BODY =
  "The coalition conducted a total of 34,573 airstrikes.\n\nAt least 1,335 civilians were killed.\n\nThey must have support!";

function setup() {
  const doc = prosemirrorToYDoc(textToDoc(BODY), BODY_FIELD);
  const fragment = doc.getXmlFragment(BODY_FIELD);
  return { doc, fragment };
}

function annotationOn(
  body: { doc: Y.Doc; fragment: Y.XmlFragment },
  id: string,
  quote: string,
  label: LabelName = "fact",
): AnnotationJson {
  const text = yPlainText(body.fragment);
  const start = text.indexOf(quote);
  const end = start + quote.length;
  return {
    id,
    articleId: "article",
    label,
    status: "pending",
    note: null,
    quote,
    prefix: "",
    suffix: "",
    start,
    end,
    orphaned: false,
    version: 1,
    author: { id: "u", name: "Ann" },
    anchor: buildAnchor(body.fragment, start, end),
    evidence: { corroborates: 0, contradicts: 0 },
    createdAt: new Date(2026, 0, 1, 0, 0, Number(id.replace(/\D/g, "")) || 0).toISOString(),
    updatedAt: new Date().toISOString(),
  };
}

describe("resolving annotations against the live body", () => {
  it("lists anchored annotations in document order and orphans those whose text was deleted", () => {
    const body = setup();
    const later = annotationOn(body, "a1", "They must have support!", "advocacy");
    const figure = annotationOn(body, "a2", "34,573 airstrikes");
    const wider = annotationOn(body, "a3", "conducted a total of 34,573 airstrikes", "opinion");
    const killed = annotationOn(body, "a4", "1,335 civilians");

    // A correction: text typed before the figure moves it; the second paragraph is deleted.
    const first = body.fragment.get(0) as Y.XmlElement;
    (first.get(0) as Y.XmlText).insert(0, "Reportedly, ");
    body.fragment.delete(1, 1);

    const resolved = resolveAnnotations(live([later, figure, wider, killed]), body);
    expect(resolved.map((item) => item.annotation.id)).toEqual(["a3", "a2", "a1", "a4"]);
    const text = yPlainText(body.fragment);
    for (const item of resolved.slice(0, 3)) {
      expect(text.slice(item.span!.start, item.span!.end)).toBe(item.annotation.quote);
    }
    expect(resolved[3]!.span).toBeNull();
    // The same answers as the reference resolver of lib/anchors.
    for (const item of resolved) {
      const reference = resolveAnchor(body.doc, body.fragment, item.annotation.anchor, item.annotation.quote);
      expect(item.span).toEqual(reference ? { start: reference.start, end: reference.end } : null);
    }
  });

  it("orphans an annotation whose quoted text was changed in place", () => {
    const body = setup();
    const figure = annotationOn(body, "a1", "34,573 airstrikes");
    const text = (body.fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const at = yPlainText(body.fragment).indexOf("573");
    text.delete(at, 3);
    text.insert(at, "999");
    expect(resolveAnnotations(live([figure]), body)[0]!.span).toBeNull();
  });

  it("uses the server's offsets and orphaned flags until the body has synced", () => {
    const body = setup();
    const figure = annotationOn(body, "a1", "34,573 airstrikes");
    const gone = { ...annotationOn(body, "a2", "1,335 civilians"), orphaned: true };
    const resolved = resolveAnnotations(live([gone, figure]), null);
    expect(resolved.map((item) => [item.annotation.id, item.span])).toEqual([
      ["a1", { start: figure.start, end: figure.end }],
      ["a2", null],
    ]);
  });

  it("resolves 2,000 annotations over 200 paragraphs, each where lib/anchors finds it", () => {
    const paragraphs = Array.from(
      { length: 200 },
      (_, i) => `Paragraph ${i} says that ${i * 7} things happened.`,
    );
    const doc = prosemirrorToYDoc(textToDoc(paragraphs.join("\n\n")), BODY_FIELD);
    const body = { doc, fragment: doc.getXmlFragment(BODY_FIELD) };
    const annotations = Array.from({ length: 2000 }, (_, i) =>
      annotationOn(body, `x${i}`, `Paragraph ${i % 200} says`),
    );
    const resolved = resolveAnnotations(live(annotations), body);
    expect(resolved.every((item) => item.span !== null)).toBe(true);
    const text = yPlainText(body.fragment);
    for (const item of resolved.filter((_, i) => i % 97 === 0)) {
      const reference = resolveAnchor(
        body.doc,
        body.fragment,
        item.annotation.anchor,
        item.annotation.quote,
        text,
      );
      expect(item.span).toEqual({ start: reference!.start, end: reference!.end });
    }
  });
});
