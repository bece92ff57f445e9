// Item 7: re-anchoring after a batch of corrections, Yjs relative positions (ours) against
// fuzzy quote matching as Hypothesis does it (approx-string-match). Pure: no server, no database.
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import {
  type Anchor,
  buildAnchor,
  normaliseSpan,
  quoteSpan,
  resolveAnchor,
  yPlainText,
} from "../lib/anchors/anchor.ts";
import { listYTextblocks } from "../lib/anchors/y-text-positions.ts";
import { BODY_FIELD, docToYUpdate } from "../lib/articles/body-document.ts";
import { textToDoc } from "../lib/articles/import-body.ts";
import { anchorLikeHypothesis, loadApproxSearch } from "./lib/hypothesis-match.ts";
import { summarize } from "./lib/stats.ts";
import { generateArticle, seededRandom, VOCABULARY } from "./lib/text.ts";
import { type Benchmark, outcome } from "./lib/types.ts";

interface Tracked {
  anchor: Anchor;
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  /** Where the annotated text is after the corrections (ground truth, tracked edit by edit). */
  expStart: number;
  expEnd: number;
  /** A correction changed or deleted some of the annotated text. */
  touched: boolean;
}

type Verdict =
  | "right"
  | "orphaned (honest)"
  | "re-attached to edited text"
  | "orphaned though intact"
  | "wrong place";

function classify(t: Tracked, result: { start: number; end: number } | null): Verdict {
  if (!t.touched) {
    if (!result) return "orphaned though intact";
    return result.start === t.expStart && result.end === t.expEnd ? "right" : "wrong place";
  }
  if (!result) return "orphaned (honest)";
  if (result.start === t.expStart && result.end === t.expEnd) return "re-attached to edited text";
  const overlaps = result.start < t.expEnd && result.end > t.expStart;
  return overlaps ? "re-attached to edited text" : "wrong place";
}

function mapThroughDelete(x: number, at: number, length: number): number {
  if (x <= at) return x;
  if (x >= at + length) return x - length;
  return at;
}

function median(values: number[]): number {
  return summarize(values).p50;
}

export const reanchor: Benchmark = {
  name: "reanchor",
  title: "Re-anchoring after corrections: Yjs relative positions vs fuzzy quote matching",
  needsServer: false,
  async run(ctx) {
    const words = ctx.smoke ? 2000 : 20_000;
    const annotationCount = ctx.smoke ? 50 : 500;
    const editCount = ctx.smoke ? 20 : 200;
    const repeats = ctx.smoke ? 2 : 5;
    const random = seededRandom(42);
    const int = (n: number) => Math.floor(random() * n);

    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, docToYUpdate(textToDoc(generateArticle(words, 7))));
    const fragment = ydoc.getXmlFragment(BODY_FIELD);
    const original = yPlainText(fragment);

    const tracked: Tracked[] = [];
    for (let i = 0; tracked.length < annotationCount && i < annotationCount * 10; i++) {
      const from = int(original.length - 200);
      const span = normaliseSpan(original, from, from + 10 + int(140));
      if (!span) continue;
      const quoted = quoteSpan(original, span.start, span.end);
      tracked.push({
        anchor: buildAnchor(fragment, span.start, span.end),
        ...quoted,
        expStart: span.start,
        expEnd: span.end,
        touched: false,
      });
    }

    // The corrections: insertions, deletions and replacements inside paragraphs, as an editor
    // fixing a story would make them, applied to the live Yjs body.
    const kinds = { insert: 0, delete: 0, replace: 0 };
    for (let i = 0; i < editCount; i++) {
      const blocks = listYTextblocks(fragment);
      const block = blocks[int(blocks.length)]!;
      const text = block.element.get(0);
      if (!(text instanceof Y.XmlText) || block.length < 20) continue;
      const local = int(block.length - 10);
      const at = block.start + local;
      const roll = random();
      const deleteLength = roll < 0.4 ? 0 : Math.min(1 + int(40), block.length - local - 1);
      const insert = roll < 0.4 || roll >= 0.7 ? ` ${VOCABULARY[int(VOCABULARY.length)]} ${int(1000)}` : "";
      if (deleteLength > 0) {
        text.delete(local, deleteLength);
        for (const t of tracked) {
          if (at < t.expEnd && at + deleteLength > t.expStart) t.touched = true;
          t.expStart = mapThroughDelete(t.expStart, at, deleteLength);
          t.expEnd = mapThroughDelete(t.expEnd, at, deleteLength);
        }
      }
      if (insert) {
        text.insert(local, insert);
        for (const t of tracked) {
          if (at <= t.expStart) {
            t.expStart += insert.length;
            t.expEnd += insert.length;
          } else if (at < t.expEnd) {
            t.expEnd += insert.length;
            t.touched = true;
          }
        }
      }
      if (deleteLength > 0 && insert) kinds.replace++;
      else if (deleteLength > 0) kinds.delete++;
      else kinds.insert++;
    }
    const corrected = yPlainText(fragment);
    // Sanity check of the ground truth: untouched annotations' text is where we say it is.
    const broken = tracked.filter(
      (t) => !t.touched && corrected.slice(t.expStart, t.expEnd) !== t.quote,
    ).length;
    if (broken > 0) throw new Error(`ground truth tracking is wrong for ${broken} annotations`);

    const runMethod = (resolve: (text: string, t: Tracked) => { start: number; end: number } | null) => {
      const times: number[] = [];
      let results: Array<{ start: number; end: number } | null> = [];
      for (let r = 0; r < repeats; r++) {
        const started = performance.now();
        const text = yPlainText(fragment);
        results = tracked.map((t) => resolve(text, t));
        times.push(performance.now() - started);
      }
      const verdicts: Record<Verdict, number> = {
        right: 0,
        "orphaned (honest)": 0,
        "re-attached to edited text": 0,
        "orphaned though intact": 0,
        "wrong place": 0,
      };
      results.forEach((result, i) => {
        verdicts[classify(tracked[i]!, result)]++;
      });
      return { ms: median(times), times, verdicts };
    };

    const ours = runMethod((text, t) => resolveAnchor(ydoc, fragment, t.anchor, t.quote, text));
    const approx = await loadApproxSearch();
    const fuzzy = approx ? runMethod((text, t) => anchorLikeHypothesis(approx, text, t)) : null;

    const touched = tracked.filter((t) => t.touched).length;
    const row = (method: string, r: typeof ours) => ({
      method,
      "time (ms)": r.ms,
      right: r.verdicts.right,
      "honest orphan": r.verdicts["orphaned (honest)"],
      "re-attached (edited)": r.verdicts["re-attached to edited text"],
      "lost (intact)": r.verdicts["orphaned though intact"],
      "wrong place": r.verdicts["wrong place"],
      "share right or honest": `${(((r.verdicts.right + r.verdicts["orphaned (honest)"]) / tracked.length) * 100).toFixed(1)}%`,
    });
    const rows = [row("Yjs relative positions", ours)];
    if (fuzzy) rows.push(row("Hypothesis fuzzy quote (approx-string-match)", fuzzy));
    else
      rows.push({
        method: "Hypothesis fuzzy quote",
        "time (ms)": "not installed",
        right: "approx-string-match is not installed",
      } as never);

    const oursHonest = ours.verdicts.right + ours.verdicts["orphaned (honest)"] === tracked.length;
    return outcome({
      tables: [
        {
          title: `${tracked.length} annotations on a ${words}-word article after ${editCount} corrections (${touched} annotations had text changed)`,
          columns: Object.keys(rows[0]!),
          rows,
        },
      ],
      budgets: [
        {
          name: "re-anchoring: every annotation right or honestly orphaned",
          limit: "all",
          measured: `${ours.verdicts.right + ours.verdicts["orphaned (honest)"]} / ${tracked.length}`,
          met: oursHonest,
        },
        {
          name: "re-anchoring: faster than fuzzy quote matching",
          limit: fuzzy ? `< ${fuzzy.ms.toFixed(1)} ms` : "fuzzy not measured",
          measured: `${ours.ms.toFixed(2)} ms`,
          met: fuzzy ? ours.ms < fuzzy.ms : null,
        },
      ],
      data: {
        words,
        characters: corrected.length,
        annotations: tracked.length,
        edits: kinds,
        touched,
        ours,
        fuzzy: fuzzy ?? "approx-string-match is not installed",
      },
      notes: fuzzy ? [] : ["approx-string-match is not installed: the fuzzy side was not measured"],
    });
  },
};
