import { describe, expect, it } from "vitest";
import {
  annotationsDocumentName,
  bodyDocumentName,
  parseDocumentName,
} from "../../lib/collab/document-name.ts";

const ID = "3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b";

describe("parseDocumentName", () => {
  it("reads an article body name", () => {
    expect(parseDocumentName(`article.${ID}`)).toEqual({
      name: `article.${ID}`,
      kind: "body",
      articleId: ID,
    });
  });

  it("reads an article annotations name", () => {
    expect(parseDocumentName(`article.${ID}.annotations`)).toEqual({
      name: `article.${ID}.annotations`,
      kind: "annotations",
      articleId: ID,
    });
  });

  it("round-trips the name builders", () => {
    expect(parseDocumentName(bodyDocumentName(ID))?.kind).toBe("body");
    expect(parseDocumentName(annotationsDocumentName(ID))?.kind).toBe("annotations");
  });

  it.each([
    "",
    "article",
    "article.",
    `article.${ID.toUpperCase()}`,
    `Article.${ID}`,
    `article.${ID}.`,
    `article.${ID}.annotations.x`,
    `article.${ID}.comments`,
    `article.${ID}\n`,
    ` article.${ID}`,
    `article.${ID.slice(0, -1)}`,
    `article.${ID}0`,
    `article.${ID.replaceAll("-", "")}`,
    `team.${ID}`,
    `article.${ID}/../other`,
  ])("refuses %j", (name) => {
    expect(parseDocumentName(name)).toBeNull();
  });

  it("refuses values that are not strings", () => {
    expect(parseDocumentName(undefined)).toBeNull();
    expect(parseDocumentName(42)).toBeNull();
    expect(parseDocumentName({ name: `article.${ID}` })).toBeNull();
  });
});
