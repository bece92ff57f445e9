import { describe, expect, it } from "vitest";
import {
  annotationsDocumentName,
  annotationsViewDocumentName,
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
      view: { kind: "team" },
    });
  });

  it("reads the moderators' and a round annotator's annotations names", () => {
    const round = "0b9e2a4c-5d6f-4a1b-8c2d-3e4f5a6b7c8d";
    const user = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    expect(parseDocumentName(`article.${ID}.annotations.all`)?.view).toEqual({ kind: "all" });
    expect(parseDocumentName(`article.${ID}.round.${round}.${user}`)).toEqual({
      name: `article.${ID}.round.${round}.${user}`,
      kind: "annotations",
      articleId: ID,
      view: { kind: "round", roundId: round, userId: user },
    });
    const view = { kind: "round", roundId: round, userId: user } as const;
    expect(parseDocumentName(annotationsViewDocumentName(ID, view))?.view).toEqual(view);
    expect(parseDocumentName(`article.${ID}.round.${round}`)).toBeNull();
    expect(parseDocumentName(`article.${ID}.round.${round}.${user.toUpperCase()}`)).toBeNull();
    expect(parseDocumentName(`article.${ID}.annotations.all.x`)).toBeNull();
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
