import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import StarterKit from "@tiptap/starter-kit";

/**
 * The Tiptap extensions of the article body, shared by the browser editor and the server
 * (import, snapshots, validation): paragraphs, headings, lists, block quotes, links, emphasis
 * and hard breaks. Anything else an import brings is reduced to these.
 */
export function articleExtensions() {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3, 4] },
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      dropcursor: false,
      gapcursor: false,
      trailingNode: false,
      undoRedo: false,
      link: { openOnClick: false, autolink: false, protocols: ["http", "https", "mailto"] },
    }),
  ];
}

let cached: Schema | undefined;

/** The ProseMirror schema of the article body. */
export function articleSchema(): Schema {
  cached ??= getSchema(articleExtensions());
  return cached;
}
