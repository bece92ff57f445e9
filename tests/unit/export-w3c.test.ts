import { describe, expect, it } from "vitest";
import type { ArticleExport } from "../../lib/export/export-types.ts";
import { codePointConverter, toW3cAnnotations, toW3cArticleCollection } from "../../lib/export/to-w3c.ts";
import {
  AssertionRunner,
  failedAnnotationMusts,
  failedCollectionChecks,
  suiteAjv,
} from "../conformance/w3c-assertions.ts";

const TEXT = "Héllo 👋🏽 world.\n\nمرحبا بالعالم e\u0301 — “34,573 airstrikes” 🇺🇦 end";
const ARTICLE_ID = "11111111-1111-4111-8111-111111111111";
const USER = { id: "22222222-2222-4222-8222-222222222222", name: "Ann" };

function exportWith(quote: string, extra: Partial<ArticleExport["annotations"][number]> = {}): ArticleExport {
  const start = TEXT.indexOf(quote);
  return {
    schemaVersion: 1,
    exportedAt: "2026-11-25T12:00:00.000Z",
    team: { id: "33333333-3333-4333-8333-333333333333", slug: "news", name: "News" },
    article: {
      id: ARTICLE_ID,
      title: "T",
      byline: null,
      sourceUrl: null,
      publishedAt: null,
      language: null,
      format: "text",
      archived: false,
      createdAt: "2026-11-25T12:00:00.000Z",
      text: TEXT,
    },
    annotations: [
      {
        id: "44444444-4444-4444-8444-444444444444",
        label: "fact",
        status: "approved",
        quote,
        prefix: TEXT.slice(Math.max(0, start - 32), start),
        suffix: TEXT.slice(start + quote.length, start + quote.length + 32),
        start,
        end: start + quote.length,
        note: "checked",
        author: USER,
        createdAt: "2026-11-25T12:00:00.000Z",
        updatedAt: "2026-11-25T12:30:00.000Z",
        orphaned: false,
        importedFromId: null,
        evidence: [
          {
            id: "55555555-5555-4555-8555-555555555555",
            relation: "corroborates",
            kind: "external",
            url: "https://example.org/report",
            title: "Report",
            publisher: null,
            quote: null,
            accessedAt: null,
            archivedUrl: null,
            targetAnnotationId: null,
            targetArticleId: null,
            removed: false,
            note: null,
            addedBy: USER,
            createdAt: "2026-11-25T12:00:00.000Z",
          },
        ],
        reviews: [],
        replies: [],
        ...extra,
      },
    ],
  };
}

describe("code point offsets", () => {
  it("counts a surrogate pair as one code point and leaves BMP text alone", () => {
    const toCodePoint = codePointConverter(TEXT);
    const afterWave = TEXT.indexOf(" world");
    expect(toCodePoint(5)).toBe(5); // "Héllo": é is one unit
    expect(afterWave).toBe(10); // 👋 and 🏽 are two units each
    expect(toCodePoint(afterWave)).toBe(8);
    expect(toCodePoint(TEXT.length)).toBe([...TEXT].length);
  });

  it("TextPositionSelector counts code points; the quote is unchanged", () => {
    const quote = "“34,573 airstrikes”";
    const [annotation] = toW3cAnnotations(exportWith(quote), "https://pm.example");
    const selectors = (annotation!.target as { selector: Record<string, unknown>[] }).selector;
    const position = selectors.find((s) => s.type === "TextPositionSelector")!;
    const start = TEXT.indexOf(quote);
    expect(position.start).toBe([...TEXT.slice(0, start)].length);
    expect(position.start).toBe(start - 2);
    expect([...TEXT].slice(position.start as number, position.end as number).join("")).toBe(quote);
    expect(selectors.find((s) => s.type === "TextQuoteSelector")!.exact).toBe(quote);
  });
});

describe("W3C annotationMusts.test", () => {
  const runner = new AssertionRunner();

  it("every annotation of the w3c export passes every MUST assertion", () => {
    const collection = toW3cArticleCollection(exportWith("👋🏽 world"), "https://pm.example");
    const items = (collection.first as { items: unknown[] }).items;
    expect(items).toHaveLength(1);
    for (const item of items) expect(failedAnnotationMusts(runner, item)).toEqual([]);
    const ajv = suiteAjv();
    expect(failedCollectionChecks(ajv, collection)).toEqual([]);
    expect(failedCollectionChecks(ajv, { ...collection, type: "Collection" })).toEqual([
      "annotationCollectionTypeValueFound",
    ]);
    expect(
      failedCollectionChecks(ajv, { ...collection, first: { type: "AnnotationPage", items: [] } }),
    ).toEqual(["startIndexFound"]);
  });

  it("an orphaned annotation without a note still conforms", () => {
    const [item] = toW3cAnnotations(
      exportWith("e\u0301", { orphaned: true, note: null }),
      "https://pm.example",
    );
    expect(failedAnnotationMusts(runner, item)).toEqual([]);
  });

  it("fails without @context, with a bad created date, or with body and bodyValue together", () => {
    const [item] = toW3cAnnotations(exportWith("world"), "https://pm.example");
    const { "@context": _context, ...noContext } = item!;
    expect(failedAnnotationMusts(runner, noContext).map((r) => r.assertion)).toEqual([
      "annotations/3.1-annotationContextValidated.json",
    ]);
    expect(failedAnnotationMusts(runner, { ...item, created: "yesterday" }).map((r) => r.assertion)).toEqual([
      "annotations/3.3.1-annotationCreatedValidated.json",
    ]);
    expect(failedAnnotationMusts(runner, { ...item, bodyValue: "x" }).map((r) => r.assertion)).toContain(
      "annotations/3.2.5-notBodyBodyValue.json",
    );
    expect(failedAnnotationMusts(runner, { ...item, type: "Note" }).map((r) => r.assertion)).toEqual([
      "annotations/3.1-annotationTypeValidated.json",
    ]);
    expect(failedAnnotationMusts(runner, { ...item, id: "not a uri" }).length).toBeGreaterThan(0);
    expect(failedAnnotationMusts(runner, { ...item, body: [42] }).map((r) => r.assertion)).toContain(
      "annotations/3.2-bodyObjectsRecognized.json",
    );
    expect(failedAnnotationMusts(runner, { ...item, target: undefined }).map((r) => r.assertion)).toContain(
      "annotations/3.1-targetKeyFound.json",
    );
  });
});
