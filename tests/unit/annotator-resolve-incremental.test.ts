import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createAnnotationResolver,
  type ResolvedAnnotation,
  resolveAnnotations,
} from "../../components/annotator/resolve-annotations.ts";
import { buildAnchor, normaliseSpan, resolveAnchor, yPlainText } from "../../lib/anchors/anchor.ts";
import { listYTextblocks } from "../../lib/anchors/y-text-positions.ts";
import type { AnnotationJson } from "../../lib/annotations/annotation-json.ts";
import { docToYUpdate } from "../../lib/articles/body-document.ts";
import { contentToDoc } from "../../lib/articles/import-body.ts";
import type { LabelName } from "../../lib/validation/annotations.ts";
import { live } from "../support/live-forms.ts";

type Body = { doc: Y.Doc; fragment: Y.XmlFragment };

function bodyFromMarkdown(markdown: string): Body {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, docToYUpdate(contentToDoc("markdown", markdown)));
  return { doc, fragment: doc.getXmlFragment("default") };
}

let serial = 0;
function annotationAt(
  body: Body,
  start: number,
  end: number,
  label: LabelName = "fact",
): AnnotationJson | null {
  const text = yPlainText(body.fragment);
  const span = normaliseSpan(text, start, end);
  if (!span) return null;
  serial++;
  return {
    id: `a${serial}`,
    articleId: "article",
    label,
    status: "pending",
    note: null,
    quote: text.slice(span.start, span.end),
    prefix: "",
    suffix: "",
    start: span.start,
    end: span.end,
    orphaned: false,
    version: 1,
    author: { id: "u", name: "Ann" },
    anchor: buildAnchor(body.fragment, span.start, span.end),
    evidence: { corroborates: 0, contradicts: 0 },
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, serial)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, serial)).toISOString(),
  };
}

/** The reference: every annotation resolved on its own by lib/anchors. */
function oneByOne(
  body: Body,
  annotations: readonly AnnotationJson[],
): Map<string, { start: number; end: number } | null> {
  const text = yPlainText(body.fragment);
  return new Map(
    annotations.map((annotation) => {
      const span = resolveAnchor(body.doc, body.fragment, annotation.anchor, annotation.quote, text);
      return [annotation.id, span ? { start: span.start, end: span.end } : null];
    }),
  );
}

function spansOf(resolved: readonly ResolvedAnnotation[]) {
  return new Map(resolved.map((item) => [item.annotation.id, item.span]));
}

const word = fc.constantFrom("coalition", "airstrikes", "34,573", "civilians", "said", "the", "😀", "ok.");
const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(" "));
const block = fc.oneof(
  sentence,
  sentence.map((s) => `## ${s}`),
  sentence.map((s) => `> ${s}`),
  fc.array(sentence, { minLength: 1, maxLength: 3 }).map((items) => items.map((s) => `- ${s}`).join("\n")),
  fc.tuple(sentence, sentence).map(([a, b]) => `${a}\\\n${b}`),
);
const markdown = fc.array(block, { minLength: 1, maxLength: 8 }).map((blocks) => blocks.join("\n\n"));

// One step: a body edit, or a change to the annotation list. Numbers are scaled to the body.
const step = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.constantFrom("X", "new words ", "\u00e9"),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("dropBlock" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("addBlock" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("annotate" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({ kind: fc.constant("relabel" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("remove" as const), at: fc.nat() }),
);

type Step = { kind: string; at: number; length?: number; text?: string };

function applyBodyEdit(body: Body, edit: Step): boolean {
  const blocks = listYTextblocks(body.fragment);
  const texts = blocks.flatMap((entry) =>
    entry.element.toArray().filter((child): child is Y.XmlText => child instanceof Y.XmlText),
  );
  if (edit.kind === "insert" && texts.length > 0) {
    const target = texts[edit.at % texts.length]!;
    target.insert(edit.at % (target.length + 1), edit.text!);
    return true;
  }
  if (edit.kind === "delete" && texts.length > 0) {
    const target = texts[edit.at % texts.length]!;
    if (target.length === 0) return false;
    const from = edit.at % target.length;
    target.delete(from, Math.min(edit.length!, target.length - from));
    return true;
  }
  if (edit.kind === "dropBlock" && body.fragment.length > 1) {
    body.fragment.delete(edit.at % body.fragment.length, 1);
    return true;
  }
  if (edit.kind === "addBlock") {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("An added paragraph.")]);
    body.fragment.insert(edit.at % (body.fragment.length + 1), [paragraph]);
    return true;
  }
  return false;
}

describe("resolving annotations incrementally", () => {
  it("gives the same answers as resolving each anchor on its own, across random edits and annotation changes", () => {
    fc.assert(
      fc.property(
        markdown,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 12 }),
        fc.array(step, { maxLength: 25 }),
        (source, initial, steps) => {
          const body = bodyFromMarkdown(source);
          let annotations: AnnotationJson[] = [];
          const length = () => yPlainText(body.fragment).length;
          for (const [at, span] of initial) {
            const start = at % Math.max(1, length());
            const annotation = annotationAt(body, start, Math.min(length(), start + span));
            if (annotation) annotations.push(annotation);
          }
          const resolve = createAnnotationResolver();
          let bodyKey = 0;
          const check = () => {
            const resolved = resolve(live(annotations), body, bodyKey);
            expect(spansOf(resolved)).toEqual(oneByOne(body, annotations));
            // Same order as a fresh one-pass resolution.
            expect(resolved.map((item) => item.annotation.id)).toEqual(
              resolveAnnotations(live(annotations), body).map((item) => item.annotation.id),
            );
          };
          check();
          for (const change of steps) {
            if (applyBodyEdit(body, change)) {
              bodyKey++;
            } else if (change.kind === "annotate" && length() > 0) {
              const start = change.at % length();
              const annotation = annotationAt(body, start, Math.min(length(), start + change.length));
              if (annotation) annotations = [...annotations, annotation];
            } else if (change.kind === "relabel" && annotations.length > 0) {
              const index = change.at % annotations.length;
              annotations = annotations.map((annotation, i) =>
                i === index
                  ? { ...annotation, label: "opinion", version: annotation.version + 1 }
                  : annotation,
              );
            } else if (change.kind === "remove" && annotations.length > 0) {
              const index = change.at % annotations.length;
              annotations = annotations.filter((_, i) => i !== index);
            }
            check();
          }
        },
      ),
      { numRuns: 150 },
    );
    // A bound on waiting, not a speed assertion: 150 random runs take ~2 s idle, longer on a busy CI core.
  }, 60_000);

  it("keeps the row of an unchanged annotation and replaces only the changed one", () => {
    const body = bodyFromMarkdown(
      "The coalition conducted 34,573 airstrikes.\n\nAt least 1,335 civilians were killed.",
    );
    const text = yPlainText(body.fragment);
    const figure = annotationAt(body, text.indexOf("34,573"), text.indexOf("34,573") + 17)!;
    const killed = annotationAt(body, text.indexOf("1,335"), text.indexOf("1,335") + 15)!;
    const resolve = createAnnotationResolver();
    const first = resolve(live([figure, killed]), body, 0);
    const relabelled = { ...killed, label: "opinion" as const, version: 2 };
    const second = resolve(live([figure, relabelled]), body, 0);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.annotation.label).toBe("opinion");
    expect(second[1]!.span).toEqual(first[1]!.span);

    // After a body edit (a new key) the spans move, and the moved rows are new objects.
    const firstText = listYTextblocks(body.fragment)[0]!.element.get(0) as Y.XmlText;
    firstText.insert(0, "Reportedly, ");
    const third = resolve(live([figure, relabelled]), body, 1);
    expect(third[0]!.span).toEqual({ start: first[0]!.span!.start + 12, end: first[0]!.span!.end + 12 });
    expect(third[0]).not.toBe(second[0]);

    // A key that does not change while the body does is the caller's mistake: the old answer stays.
    firstText.delete(0, "Reportedly, ".length);
    expect(resolve(live([figure, relabelled]), body, 1)[0]!.span).toEqual(third[0]!.span);
    expect(resolve(live([figure, relabelled]), body, 2)[0]!.span).toEqual(first[0]!.span);
  });

  it("orphans an annotation whose text goes, and agrees with lib/anchors after an undo", () => {
    const body = bodyFromMarkdown("Alpha beta gamma.\n\nDelta epsilon.");
    const text = yPlainText(body.fragment);
    const gamma = annotationAt(body, text.indexOf("gamma"), text.indexOf("gamma") + 5)!;
    const undo = new Y.UndoManager(body.fragment);
    const resolve = createAnnotationResolver();
    expect(resolve(live([gamma]), body, 0)[0]!.span).not.toBeNull();
    const first = listYTextblocks(body.fragment)[0]!.element.get(0) as Y.XmlText;
    first.delete(text.indexOf("gamma"), 5);
    expect(resolve(live([gamma]), body, 1)[0]!.span).toBeNull();
    undo.undo();
    expect(yPlainText(body.fragment)).toBe(text);
    expect(spansOf(resolve(live([gamma]), body, 2))).toEqual(oneByOne(body, [gamma]));
  });
});
