import { describe, expect, it } from "vitest";
import { docToYUpdate, yUpdateToDoc } from "../../lib/articles/body-document.ts";
import { articleSchema } from "../../lib/articles/editor-schema.ts";
import { contentToDoc, textToDoc } from "../../lib/articles/import-body.ts";
import { docToPlainText, plainTextWithMap } from "../../lib/articles/plain-text.ts";
import { DEMO_TEXT as demoBody } from "../support/demo-text.ts";

describe("the plain-text rule", () => {
  it("joins textblocks with a blank line and keeps hard breaks as newlines", () => {
    const schema = articleSchema();
    const doc = schema.node("doc", null, [
      schema.node("heading", { level: 2 }, [schema.text("Head")]),
      schema.node("paragraph", null, [schema.text("one"), schema.node("hardBreak"), schema.text("two")]),
      schema.node("bulletList", null, [
        schema.node("listItem", null, [schema.node("paragraph", null, [schema.text("item")])]),
      ]),
      schema.node("blockquote", null, [schema.node("paragraph", null, [schema.text("quoted")])]),
    ]);
    expect(docToPlainText(doc)).toBe("Head\n\none\ntwo\n\nitem\n\nquoted");
  });

  it("maps each textblock to its offsets so that slices give the block's text", () => {
    const doc = textToDoc("Alpha beta.\n\nGamma 😀 delta.\n\nEpsilon");
    const { text, blocks } = plainTextWithMap(doc);
    expect(blocks.map((b) => text.slice(b.textStart, b.textEnd))).toEqual([
      "Alpha beta.",
      "Gamma 😀 delta.",
      "Epsilon",
    ]);
  });

  it("keeps the demo article paragraph for paragraph", () => {
    const text = docToPlainText(textToDoc(demoBody));
    expect(text).toBe(demoBody);
    expect(text.split("\n\n")).toHaveLength(demoBody.split("\n\n").length);
  });

  it("normalises CRLF, collapses runs of blank lines and drops control characters", () => {
    const text = docToPlainText(textToDoc("First\r\n\r\n\r\n\r\nSecond\u0001 line\r\nthird"));
    expect(text).toBe("First\n\nSecond line\nthird");
  });

  it("round-trips through the Yjs state", () => {
    const doc = textToDoc(demoBody);
    expect(docToPlainText(yUpdateToDoc(docToYUpdate(doc)))).toBe(demoBody);
  });

  it("refuses an empty body and an oversized one", () => {
    expect(() => textToDoc(" \n\n \t\n")).toThrow(/empty/);
    expect(() => contentToDoc("text", "x".repeat(2 * 1024 * 1024 + 1))).toThrow(/larger than 2 MB/);
  });
});
