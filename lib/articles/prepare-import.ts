import { AppError } from "../errors.ts";
import type { ArticleFormat } from "../generated/prisma/enums.ts";
import { MAX_PDF_BYTES, type TCreateArticleInput } from "../validation/articles.ts";
import { extractPdfText } from "./extract-pdf-text.ts";
import { fetchArticlePage } from "./fetch-article-page.ts";
import type { ArticleSourceFormat } from "./import-body.ts";

/** An import turned into content the body builder reads, with its metadata settled. */
export interface PreparedImport {
  title: string;
  byline: string | null;
  sourceUrl: string | null;
  publishedAt: Date | null;
  language: string | null;
  format: ArticleSourceFormat;
  content: string;
  storedFormat?: ArticleFormat;
  fetchedUrl?: string | null;
  sourceFetchedAt?: Date | null;
}

function titleFromUrl(url: string): string {
  const parsed = new URL(url);
  const last = parsed.pathname.split("/").filter(Boolean).at(-1);
  return (
    last
      ? decodeURIComponent(last)
          .replace(/[-_]+/g, " ")
          .replace(/\.\w+$/, "")
      : parsed.hostname
  ).slice(0, 500);
}

/** Decodes a base64 PDF and checks its size and signature. */
function decodePdf(base64: string): Uint8Array {
  const bytes = Buffer.from(base64.replace(/\s+/g, ""), "base64");
  if (bytes.length > MAX_PDF_BYTES) {
    throw new AppError("too_large", `The PDF is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB`);
  }
  if (bytes.length === 0) throw new AppError("invalid_input", "content: the PDF is empty");
  return bytes;
}

/**
 * Settles what an import will store: for `url` it fetches the page and extracts the story and its
 * metadata (what the request gives wins over what the page says); for `pdf` it extracts the text.
 * @throws AppError fetch_* | not_an_article | pdf_no_text | pdf_unreadable | too_large | invalid_input
 */
export async function prepareImport(input: TCreateArticleInput): Promise<PreparedImport> {
  const given = {
    byline: input.byline ?? null,
    sourceUrl: input.sourceUrl ?? null,
    publishedAt: input.publishedAt ? new Date(input.publishedAt) : null,
    language: input.language ?? null,
  };
  switch (input.format) {
    case "text":
    case "html":
    case "markdown":
      return { ...given, title: input.title, format: input.format, content: input.content };
    case "url": {
      const { article, fetchedUrl, fetchedAt } = await fetchArticlePage(input.url);
      return {
        title: (input.title ?? article.title ?? titleFromUrl(fetchedUrl)).slice(0, 500),
        byline: given.byline ?? article.byline?.slice(0, 500) ?? null,
        sourceUrl: given.sourceUrl ?? article.canonicalUrl ?? fetchedUrl,
        publishedAt: given.publishedAt ?? (article.publishedAt ? new Date(article.publishedAt) : null),
        language: given.language ?? article.language,
        format: "html",
        content: article.html,
        storedFormat: "URL",
        fetchedUrl,
        sourceFetchedAt: fetchedAt,
      };
    }
    case "pdf": {
      const pdf = await extractPdfText(decodePdf(input.content));
      return {
        ...given,
        title: input.title ?? pdf.title ?? pdf.paragraphs[0]?.slice(0, 200) ?? "Untitled PDF",
        format: "text",
        content: pdf.paragraphs.join("\n\n"),
        storedFormat: "PDF",
      };
    }
  }
}

/** Reads an uploaded PDF file (the import form) as the API's base64 content. */
export async function readPdfUpload(file: {
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}): Promise<string> {
  if (file.size > MAX_PDF_BYTES) {
    throw new AppError("too_large", `The PDF is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB`);
  }
  return Buffer.from(await file.arrayBuffer()).toString("base64");
}
