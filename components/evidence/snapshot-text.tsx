import type { TextRange } from "@/lib/evidence/snapshots/find-excerpt";

/**
 * A snapshot's readable text as paragraphs of plain text (React escapes it: nothing of the
 * source page is ever rendered as HTML), with the cited excerpt in `<mark>` where it was found.
 */
export function SnapshotText({ text, highlight }: { text: string; highlight: TextRange | null }) {
  const paragraphs: { start: number; text: string }[] = [];
  const separator = /\n{2,}/g;
  let last = 0;
  for (const match of text.matchAll(separator)) {
    paragraphs.push({ start: last, text: text.slice(last, match.index) });
    last = match.index + match[0].length;
  }
  paragraphs.push({ start: last, text: text.slice(last) });
  return (
    <div className="space-y-3 text-base leading-relaxed text-gray-900">
      {paragraphs.map((paragraph) => {
        const end = paragraph.start + paragraph.text.length;
        if (!highlight || highlight.end <= paragraph.start || highlight.start >= end) {
          return (
            <p key={paragraph.start} className="whitespace-pre-line">
              {paragraph.text}
            </p>
          );
        }
        const from = Math.max(0, highlight.start - paragraph.start);
        const to = Math.min(paragraph.text.length, highlight.end - paragraph.start);
        return (
          <p key={paragraph.start} className="whitespace-pre-line">
            {paragraph.text.slice(0, from)}
            <mark
              className="bg-yellow-200 text-gray-900"
              id={highlight.start >= paragraph.start ? "cited" : undefined}
            >
              {paragraph.text.slice(from, to)}
            </mark>
            {paragraph.text.slice(to)}
          </p>
        );
      })}
    </div>
  );
}
