import { prosemirrorToYDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  relativePositionToTextOffset,
  textOffsetToRelativePosition,
} from "../../lib/anchors/y-text-positions.ts";
import { applySourceText } from "../../lib/articles/apply-source-text.ts";
import { BODY_FIELD, yDocToBody } from "../../lib/articles/body-document.ts";
import { textToDoc } from "../../lib/articles/import-body.ts";
import { htmlToDoc } from "../../lib/articles/import-html.ts";
import { docToPlainText } from "../../lib/articles/plain-text.ts";

function bodyText(ydoc: Y.Doc): string {
  return docToPlainText(yDocToBody(ydoc));
}

describe("applySourceText", () => {
  it("turns the body into the new version and reports the changed paragraphs", () => {
    const ydoc = prosemirrorToYDoc(
      textToDoc("One stays.\n\nTwo changes here.\n\nThree goes.\n\nFour stays."),
      BODY_FIELD,
    );
    const next = textToDoc("One stays.\n\nTwo changed here.\n\nFour stays.\n\nFive is new.");
    const changes = applySourceText(ydoc, next);
    expect(bodyText(ydoc)).toBe(docToPlainText(next));
    expect(changes).toEqual([
      { before: "Two changes here.", after: "Two changed here." },
      { before: "Three goes.", after: null },
      { before: null, after: "Five is new." },
    ]);
  });

  it("changes nothing when the text is the same", () => {
    const ydoc = prosemirrorToYDoc(textToDoc("Alpha.\n\nBeta."), BODY_FIELD);
    const before = Y.encodeStateVector(ydoc);
    expect(applySourceText(ydoc, textToDoc("Alpha.\n\nBeta."))).toEqual([]);
    expect(Y.encodeStateVector(ydoc)).toEqual(before);
  });

  it("keeps relative positions in unchanged paragraphs and around the changed middle of a paragraph", () => {
    const text =
      "The mayor resigned on Monday.\n\nShe had served for 12 years, her office said.\n\nAn election follows.";
    const ydoc = prosemirrorToYDoc(textToDoc(text), BODY_FIELD);
    const fragment = ydoc.getXmlFragment(BODY_FIELD);
    const at = (needle: string) => textOffsetToRelativePosition(fragment, text.indexOf(needle), 0);
    const election = at("election");
    const office = at("office");
    const twelve = at("12 years");
    applySourceText(
      ydoc,
      textToDoc(
        "The mayor resigned on Monday.\n\nShe had served for 14 years, her office said.\n\nAn election follows.",
      ),
    );
    const now = bodyText(ydoc);
    expect(now.slice(relativePositionToTextOffset(ydoc, fragment, election)!)).toMatch(/^election/);
    expect(now.slice(relativePositionToTextOffset(ydoc, fragment, office)!)).toMatch(/^office/);
    // "12" → "14": only the "2" was replaced; a position on the "1" stays on it.
    expect(now.slice(relativePositionToTextOffset(ydoc, fragment, twelve)!)).toMatch(/^14 years/);
  });

  it("handles headings, lists, quotes, hard breaks and links", () => {
    const ydoc = prosemirrorToYDoc(
      htmlToDoc(
        "<h2>Title</h2><ul><li><p>First point</p></li><li><p>Second point</p></li></ul><blockquote><p>A quote</p></blockquote><p>Line one<br>line two</p>",
      ),
      BODY_FIELD,
    );
    const next = htmlToDoc(
      '<h2>New title</h2><ul><li><p>First point</p></li></ul><blockquote><p>A quote, longer</p></blockquote><p>Line one<br>line 2</p><p>See <a href="https://example.com/">the <b>report</b></a>.</p>',
    );
    applySourceText(ydoc, next);
    expect(bodyText(ydoc)).toBe(docToPlainText(next));
    expect(JSON.stringify(yDocToBody(ydoc).toJSON())).toContain("https://example.com/");
  });
});
