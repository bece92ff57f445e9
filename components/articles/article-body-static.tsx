import type { ReactNode } from "react";

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

function renderText(node: PMJson, key: number): ReactNode {
  let out: ReactNode = node.text ?? "";
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

function renderNode(node: PMJson, key: number): ReactNode {
  const children = (node.content ?? []).map((child, index) => renderNode(child, index));
  switch (node.type) {
    case "doc":
      return <>{children}</>;
    case "paragraph":
      return <p key={key}>{children}</p>;
    case "heading": {
      const level = Math.min(4, Math.max(1, Number(node.attrs?.level ?? 2)));
      const Tag = `h${level + 1}` as "h2" | "h3" | "h4" | "h5";
      return <Tag key={key}>{children}</Tag>;
    }
    case "bulletList":
      return <ul key={key}>{children}</ul>;
    case "orderedList":
      return <ol key={key}>{children}</ol>;
    case "listItem":
      return <li key={key}>{children}</li>;
    case "blockquote":
      return <blockquote key={key}>{children}</blockquote>;
    case "hardBreak":
      return <br key={key} />;
    case "text":
      return renderText(node, key);
    default:
      return null;
  }
}

/** Renders a stored body snapshot (ProseMirror JSON) as read-only HTML; text is never parsed as markup. */
export function ArticleBodyStatic({ content }: { content: unknown }) {
  return (
    <div className="article-body space-y-4 font-serif text-[1.075rem] leading-relaxed text-gray-900">
      {renderNode(content as PMJson, 0)}
    </div>
  );
}
