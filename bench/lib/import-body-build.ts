import { docToYUpdate } from "../../lib/articles/body-document.ts";
import { contentToDoc } from "../../lib/articles/import-body.ts";
import { detectLanguage } from "../../lib/articles/language.ts";
import { docToPlainText } from "../../lib/articles/plain-text.ts";

/** What insertArticle builds before its INSERT: the body document, its Yjs state, plain text and language. */
export function createArticleBody(html: string, declaredLanguage: string | null) {
  const doc = contentToDoc("html", html);
  const text = docToPlainText(doc);
  const ystate = docToYUpdate(doc);
  const language = declaredLanguage ?? detectLanguage(text);
  return { doc, text, ystate, language };
}
