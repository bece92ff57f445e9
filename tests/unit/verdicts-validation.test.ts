import { describe, expect, it } from "vitest";
import { readRatingScaleForm, ZRatingScaleInput, ZVerdictInput } from "../../lib/validation/verdicts.ts";
import { scaleBounds } from "../../lib/verdicts/rating-scale.ts";
import { renderConclusion } from "../../lib/verdicts/render-conclusion.ts";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe("the scale editor's form", () => {
  it("keeps ids, sorts by order, drops removed and blank new rows, reads empty values as null", () => {
    const id1 = "6f1d1c1e-8a5b-4c3d-9e2f-1a2b3c4d5e6f";
    const id2 = "7f1d1c1e-8a5b-4c3d-9e2f-1a2b3c4d5e6f";
    const id3 = "8f1d1c1e-8a5b-4c3d-9e2f-1a2b3c4d5e6f";
    const parsed = readRatingScaleForm(
      form({
        rows: "5",
        "id.0": id1,
        "label.0": " True ",
        "value.0": "5",
        "colour.0": "#1a7f37",
        "order.0": "2",
        "id.1": id2,
        "label.1": "False",
        "value.1": "1",
        "colour.1": "#c62828",
        "order.1": "1",
        "id.2": id3,
        "label.2": "Gone",
        "value.2": "",
        "colour.2": "#000000",
        "remove.2": "on",
        "label.3": "Satire",
        "value.3": "",
        "colour.3": "#123456",
        "order.3": "3",
        "label.4": "",
        "colour.4": "#6b7280",
      }),
    );
    expect(parsed.items).toEqual([
      { id: id2, label: "False", value: 1, colour: "#c62828" },
      { id: id1, label: "True", value: 5, colour: "#1a7f37" },
      { label: "Satire", value: null, colour: "#123456" },
    ]);
    expect(ZRatingScaleInput.safeParse(parsed).success).toBe(true);
  });

  it("passes malformed numbers on for the schema to refuse", () => {
    const parsed = readRatingScaleForm(
      form({
        rows: "2",
        "label.0": "A",
        "value.0": "abc",
        "colour.0": "#000000",
        "label.1": "B",
        "value.1": "2",
        "colour.1": "#000000",
      }),
    );
    expect(ZRatingScaleInput.safeParse(parsed).success).toBe(false);
  });
});

describe("verdict input and rendering", () => {
  it("needs a rating, a conclusion and distinct evidence ids", () => {
    const evidenceIds = ["6f1d1c1e-8a5b-4c3d-9e2f-1a2b3c4d5e6f"];
    expect(ZVerdictInput.safeParse({ rating: "True", conclusion: "x", evidenceIds }).success).toBe(true);
    expect(ZVerdictInput.safeParse({ rating: "", conclusion: "x", evidenceIds }).success).toBe(false);
    expect(ZVerdictInput.safeParse({ rating: "True", conclusion: "x", evidenceIds: [] }).success).toBe(false);
    expect(ZVerdictInput.safeParse({ rating: "True", conclusion: "x", evidenceIds: ["nope"] }).success).toBe(
      false,
    );
    expect(
      ZVerdictInput.safeParse({ rating: "True", conclusion: "x\u0000", evidenceIds }).success,
      "a NUL cannot be stored",
    ).toBe(false);
  });

  it("renders Markdown without raw HTML or unsafe links", () => {
    const html = renderConclusion(
      '**Yes** <b onclick="x">no</b> [a](javascript:alert(1)) [b](https://example.org)',
    );
    expect(html).toContain("<strong>Yes</strong>");
    expect(html).toContain("&lt;b onclick=&quot;x&quot;&gt;");
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('href="https://example.org" rel="nofollow noopener noreferrer"');
  });

  it("takes the best and worst numeric values of a scale", () => {
    expect(scaleBounds([{ value: 5 }, { value: null }, { value: 1 }, { value: 3 }])).toEqual({
      bestRating: 5,
      worstRating: 1,
    });
    expect(scaleBounds([{ value: 5 }, { value: null }])).toEqual({ bestRating: null, worstRating: null });
  });
});
