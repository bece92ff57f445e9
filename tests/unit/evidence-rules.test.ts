import { describe, expect, it } from "vitest";
import type { Role, TokenScope } from "../../lib/generated/prisma/enums.ts";
import { canAddEvidence, canRemoveEvidence } from "../../lib/policies/evidence.ts";
import { ZCreateEvidenceInput } from "../../lib/validation/evidence.ts";

const ME = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const THIRD = "33333333-3333-4333-8333-333333333333";

function subject(role: Role, scopes: TokenScope[] | null = null) {
  return { role, scopes, userId: ME };
}

describe("evidence permissions", () => {
  it("lets annotators, moderators and admins add; not viewers, not tokens without annotate", () => {
    expect(canAddEvidence(subject("VIEWER"))).toBe(false);
    expect(canAddEvidence(subject("ANNOTATOR"))).toBe(true);
    expect(canAddEvidence(subject("MODERATOR"))).toBe(true);
    expect(canAddEvidence(subject("ADMIN"))).toBe(true);
    expect(canAddEvidence(subject("ADMIN", ["READ", "EXPORT", "REVIEW"]))).toBe(false);
    expect(canAddEvidence(subject("ANNOTATOR", ["ANNOTATE"]))).toBe(true);
    expect(canAddEvidence(subject("VIEWER", ["ANNOTATE"]))).toBe(false);
  });

  // [role, scopes, added by, annotation author, may remove]
  const table: [Role, TokenScope[] | null, string, string, boolean][] = [
    ["VIEWER", null, ME, ME, false],
    ["ANNOTATOR", null, ME, OTHER, true],
    ["ANNOTATOR", null, OTHER, ME, true],
    ["ANNOTATOR", null, OTHER, THIRD, false],
    ["MODERATOR", null, OTHER, THIRD, true],
    ["ADMIN", null, OTHER, THIRD, true],
    ["ADMIN", ["READ"], OTHER, THIRD, false],
    ["ANNOTATOR", ["ANNOTATE"], ME, OTHER, true],
    ["ANNOTATOR", ["READ"], ME, ME, false],
  ];
  for (const [role, scopes, addedById, annotationAuthorId, expected] of table) {
    it(`${role}${scopes ? ` token [${scopes}]` : ""}, added by ${addedById === ME ? "me" : "other"}, annotation by ${annotationAuthorId === ME ? "me" : "other"}: ${expected ? "may" : "may not"} remove`, () => {
      expect(canRemoveEvidence(subject(role, scopes), { addedById, annotationAuthorId })).toBe(expected);
    });
  }
});

describe("ZCreateEvidenceInput", () => {
  it("accepts an external source, normalising its URLs and parsing the date", () => {
    const parsed = ZCreateEvidenceInput.parse({
      relation: "contradicts",
      url: " https://Example.org:443/a#x ",
      title: "  A title ",
      publisher: "",
      accessedAt: "2026-01-02",
      archivedUrl: "http://ARCHIVE.example/x",
    });
    expect(parsed).toMatchObject({
      relation: "contradicts",
      url: "https://example.org/a#x",
      title: "A title",
      publisher: null,
      quote: null,
      archivedUrl: "http://archive.example/x",
      targetAnnotationId: null,
      note: null,
    });
    expect(parsed.accessedAt?.toISOString()).toBe("2026-01-02T00:00:00.000Z");
  });

  it("accepts an internal target with a note only", () => {
    expect(
      ZCreateEvidenceInput.parse({ relation: "corroborates", targetAnnotationId: OTHER, note: "see" }),
    ).toMatchObject({
      targetAnnotationId: OTHER,
      url: null,
      note: "see",
    });
  });

  const refused: [string, unknown][] = [
    ["no relation", { url: "https://example.org/" }],
    ["an unknown relation", { relation: "supports", url: "https://example.org/" }],
    ["upper-case relation", { relation: "CORROBORATES", url: "https://example.org/" }],
    ["no target", { relation: "corroborates" }],
    ["empty url and target", { relation: "corroborates", url: "", targetAnnotationId: "" }],
    ["both targets", { relation: "corroborates", url: "https://example.org/", targetAnnotationId: OTHER }],
    ["a javascript: url", { relation: "corroborates", url: "javascript:alert(1)" }],
    [
      "a data: archived copy",
      { relation: "corroborates", url: "https://example.org/", archivedUrl: "data:,x" },
    ],
    ["a quote on an internal target", { relation: "corroborates", targetAnnotationId: OTHER, quote: "x" }],
    [
      "an accessed date on an internal target",
      { relation: "corroborates", targetAnnotationId: OTHER, accessedAt: "2026-01-01" },
    ],
    [
      "a future accessed date",
      { relation: "corroborates", url: "https://example.org/", accessedAt: "2999-01-01" },
    ],
    ["a nonsense date", { relation: "corroborates", url: "https://example.org/", accessedAt: "2026-13-45" }],
    ["a long title", { relation: "corroborates", url: "https://example.org/", title: "t".repeat(501) }],
    ["a long quote", { relation: "corroborates", url: "https://example.org/", quote: "q".repeat(5001) }],
    ["a long note", { relation: "corroborates", url: "https://example.org/", note: "n".repeat(2001) }],
    ["unknown fields", { relation: "corroborates", url: "https://example.org/", targetArticleId: OTHER }],
    ["a non-string url", { relation: "corroborates", url: 42 }],
  ];
  for (const [what, input] of refused) {
    it(`refuses ${what}`, () => {
      const result = ZCreateEvidenceInput.safeParse(input);
      expect(result.success).toBe(false);
    });
  }
});
