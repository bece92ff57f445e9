import { AppError } from "../errors.ts";
import type { ArticleSourceFormat } from "./import-body.ts";
import { MAX_ARTICLE_BYTES } from "./import-body.ts";

const FORMAT_BY_EXTENSION: Record<string, ArticleSourceFormat> = {
  txt: "text",
  text: "text",
  html: "html",
  htm: "html",
  md: "markdown",
  markdown: "markdown",
};

/**
 * Reads an uploaded article file (.txt, .html/.htm, .md) as UTF-8 and tells its format from
 * the extension.
 * @throws AppError invalid_input for other file types or non-UTF-8 content; too_large over the limit
 */
export async function readImportFile(file: {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}) {
  const extension = file.name.toLowerCase().split(".").pop() ?? "";
  const format = FORMAT_BY_EXTENSION[extension];
  if (!format) throw new AppError("invalid_input", "Upload a .txt, .html, .htm or .md file");
  if (file.size > MAX_ARTICLE_BYTES) {
    throw new AppError("too_large", `The file is larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB`);
  }
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new AppError("invalid_input", "The file is not UTF-8 text");
  }
  return { format, content: content.replace(/^\uFEFF/, "") };
}
