import type { ReactNode } from "react";
import { LABEL_META } from "@/components/annotator/labels";
import type { HighlightSpan } from "@/lib/annotations/list-highlight-spans";
import { BLOCK_SEPARATOR, HARD_BREAK } from "@/lib/articles/plain-text";

interface PMJson {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: PMJson[];
}

function safeHref(value: unknown): string | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:"
      ? url.toString()
      : null;
  } catch {
    return null;
  }
}

/**
 * Walks the body in plain-text order (lib/articles/plain-text.ts: textblocks separated by
 * BLOCK_SEPARATOR, a hard break is HARD_BREAK) and hands out the highlights that cover each
 * text node. `spans` must be sorted by start, then longer first (as listHighlightSpans returns them).
 */
class HighlightPainter {
  offset = 0;
  private textblocks = 0;
  private next = 0;
  private active: HighlightSpan[] = [];
  private badged = new Set<string>();
  constructor(private readonly spans: readonly HighlightSpan[]) {}

  enterTextblock(): void {
    if (this.textblocks++ > 0) this.offset += BLOCK_SEPARATOR.length;
  }

  hardBreak(): void {
    this.offset += HARD_BREAK.length;
  }

  /**
   * The text of one text node cut at every highlight boundary, each piece wrapped in one span per
   * highlight covering it (outermost first): the spans and classes of the live editor's
   * decorations (components/annotator/highlight-extension.ts). The letter badge where a highlight
   * begins is drawn by CSS from `data-letter` on its first piece (the live editor inserts an
   * element there instead): one element per piece keeps this HTML, and its copy in the page's
   * React payload, small.
   */
  paint(text: string): ReactNode {
    const from = this.offset;
    const to = from + text.length;
    this.offset = to;
    while (this.next < this.spans.length && this.spans[this.next]!.start < to)
      this.active.push(this.spans[this.next++]!);
    this.active = this.active.filter((span) => span.end > from);
    if (this.active.length === 0) return text;
    const cuts = new Set([from, to]);
    for (const span of this.active) {
      if (span.start > from) cuts.add(span.start);
      if (span.end < to) cuts.add(span.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const pieces: ReactNode[] = [];
    for (let index = 0; index + 1 < points.length; index++) {
      const start = points[index]!;
      const end = points[index + 1]!;
      let piece: ReactNode = text.slice(start - from, end - from);
      const covering = this.active.filter((span) => span.start <= start && span.end >= end);
      for (let level = covering.length - 1; level >= 0; level--) {
        const span = covering[level]!;
        const first = !this.badged.has(span.id);
        if (first) this.badged.add(span.id);
        piece = (
          <span
            key={level === 0 ? start : undefined}
            className={`hl hl-${span.label}`}
            data-annotation-id={span.id}
            data-letter={first ? LABEL_META[span.label].letter : undefined}
          >
            {piece}
          </span>
        );
      }
      pieces.push(piece);
    }
    return pieces;
  }
}

function renderText(node: PMJson, key: number, painter: HighlightPainter): ReactNode {
  let out: ReactNode = painter.paint(node.text ?? "");
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") out = <strong>{out}</strong>;
    else if (mark.type === "italic") out = <em>{out}</em>;
    else if (mark.type === "link") {
      const href = safeHref(mark.attrs?.href);
      if (href)
        out = (
          <a
            href={href}
            rel="noopener noreferrer nofollow"
            target="_blank"
            className="text-blue-800 underline"
          >
            {out}
          </a>
        );
    }
  }
  return <span key={key}>{out}</span>;
}

function renderNode(node: PMJson, key: number, painter: HighlightPainter): ReactNode {
  if (node.type === "paragraph" || node.type === "heading") painter.enterTextblock();
  else if (node.type === "hardBreak") painter.hardBreak();
  const children = (node.content ?? []).map((child, index) => renderNode(child, index, painter));
  switch (node.type) {
    case "doc":
      return <>{children}</>;
    case "paragraph":
      return (
        <p key={key} dir="auto">
          {children}
        </p>
      );
    case "heading": {
      const level = Math.min(4, Math.max(1, Number(node.attrs?.level ?? 2)));
      const Tag = `h${level + 1}` as "h2" | "h3" | "h4" | "h5";
      return (
        <Tag key={key} dir="auto">
          {children}
        </Tag>
      );
    }
    case "bulletList":
      return <ul key={key}>{children}</ul>;
    case "orderedList":
      return <ol key={key}>{children}</ol>;
    case "listItem":
      return (
        <li key={key} dir="auto">
          {children}
        </li>
      );
    case "blockquote":
      return (
        <blockquote key={key} dir="auto">
          {children}
        </blockquote>
      );
    case "hardBreak":
      return <br key={key} />;
    case "text":
      return renderText(node, key, painter);
    default:
      return null;
  }
}

/**
 * Renders a stored body snapshot (ProseMirror JSON) as read-only HTML, with `highlights` (offsets
 * into the same snapshot's plain text) painted as the live editor paints them, so the page shows
 * the article and its highlights before any script runs and nothing moves when the live editor
 * takes over. Text is never parsed as markup.
 */
export function ArticleBodyStatic({
  content,
  highlights = [],
}: {
  content: unknown;
  highlights?: readonly HighlightSpan[];
}) {
  return (
    <div className="article-body space-y-4 font-serif text-[1.075rem] leading-relaxed text-gray-900">
      {renderNode(content as PMJson, 0, new HighlightPainter(highlights))}
    </div>
  );
}
