import MarkdownIt from "markdown-it";

// Raw HTML off: a conclusion's `<script>` or `<img onerror>` is shown as text. markdown-it's own
// link check refuses javascript:, vbscript:, file: and most data: URLs.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));

// Links in a conclusion go to outside sources: a new page for the reader, no referrer, no ranking.
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]!.attrSet("rel", "nofollow noopener noreferrer");
  return defaultLinkOpen(tokens, index, options, env, self);
};

/**
 * A verdict's conclusion (Markdown) as sanitized HTML: no raw HTML, only safe link schemes.
 * @throws nothing
 */
export function renderConclusion(markdownSource: string): string {
  return markdown.render(markdownSource);
}
