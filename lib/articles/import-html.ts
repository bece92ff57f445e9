import { type Mark, type Node as PMNode, DOMParser as ProseMirrorDOMParser } from "@tiptap/pm/model";
import { JSDOM } from "jsdom";
import MarkdownIt from "markdown-it";
import { AppError } from "../errors.ts";
import { articleSchema } from "./editor-schema.ts";

// Elements removed with everything inside them before parsing: active content, embedded
// documents, forms and metadata. Everything else is reduced by the editor schema's own
// parse rules to paragraphs, headings, lists, block quotes, links and emphasis.
const REMOVED_ELEMENTS =
  "script, style, template, noscript, iframe, frame, frameset, object, embed, applet, form, input, button, select, textarea, option, svg, math, link, meta, base, head, title, canvas, audio, video, source, track, img, picture, dialog, portal";

const ALLOWED_LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** Whether a link target may be kept: absolute http, https or mailto URLs only. */
export function isAllowedLinkHref(href: unknown): href is string {
  if (typeof href !== "string" || href.length > 2048) return false;
  try {
    return ALLOWED_LINK_PROTOCOLS.has(new URL(href).protocol);
  } catch {
    return false;
  }
}

// Drops link marks whose target is not allowed (javascript:, data:, relative, ...), keeps the text.
function withSafeLinks(doc: PMNode): PMNode {
  const schema = articleSchema();
  const linkType = schema.marks.link;
  const rebuild = (node: PMNode): PMNode => {
    if (node.isText) {
      const marks = node.marks
        .filter((mark: Mark) => mark.type !== linkType || isAllowedLinkHref(mark.attrs.href))
        .map((mark: Mark) =>
          mark.type === linkType
            ? linkType!.create({
                ...mark.attrs,
                href: new URL(mark.attrs.href as string).toString(),
                target: "_blank",
                rel: "noopener noreferrer nofollow",
              })
            : mark,
        );
      return schema.text(node.text ?? "", marks);
    }
    const children: PMNode[] = [];
    node.forEach((child) => {
      children.push(rebuild(child));
    });
    return node.type.create(node.attrs, children, node.marks);
  };
  return rebuild(doc);
}

/**
 * Builds the body document from HTML, keeping only what the article schema allows; scripts,
 * styles, event handlers, iframes, forms and unsafe link targets never survive.
 * @throws AppError invalid_input when no text remains
 */
export function htmlToDoc(html: string): PMNode {
  // DOMParser documents run no scripts and load no resources; JSDOM is only a parser here.
  parserWindow ??= new JSDOM("").window;
  const document = new parserWindow.DOMParser().parseFromString(html, "text/html");
  for (const element of Array.from(document.querySelectorAll(REMOVED_ELEMENTS))) element.remove();
  const doc = ProseMirrorDOMParser.fromSchema(articleSchema()).parse(document.body);
  const safe = withSafeLinks(doc);
  if (safe.textContent.trim().length === 0) {
    throw new AppError("invalid_input", "The HTML contains no article text");
  }
  return safe;
}

let parserWindow: JSDOM["window"] | undefined;

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/**
 * Builds the body document from Markdown (raw HTML inside it is shown as text, never parsed).
 * @throws AppError invalid_input when no text remains
 */
export function markdownToDoc(source: string): PMNode {
  return htmlToDoc(markdown.render(source));
}
