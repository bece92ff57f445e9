import { fetchUrl } from "../fetch/fetch-url.ts";
import { decodeHtml } from "./decode-html.ts";
import { type ExtractedArticle, extractArticle } from "./extract-article.ts";

/** Content types a news page may be served as. */
export const ARTICLE_PAGE_TYPES = ["text/html", "application/xhtml+xml"] as const;

/** A fetched and extracted web article. */
export interface FetchedArticlePage {
  article: ExtractedArticle;
  /** The URL the page came from after redirects. */
  fetchedUrl: string;
  fetchedAt: Date;
}

/**
 * Fetches a news page through the one outbound fetcher and extracts its story and metadata
 * (charset honoured).
 * @throws AppError fetch_* from the fetcher | not_an_article
 */
export async function fetchArticlePage(
  url: string,
  options: { signal?: AbortSignal } = {},
): Promise<FetchedArticlePage> {
  const fetchedAt = new Date();
  const page = await fetchUrl(url, { allowedContentTypes: ARTICLE_PAGE_TYPES, signal: options.signal });
  const { text } = decodeHtml(page.body, page.charset);
  return { article: extractArticle(text, page.url), fetchedUrl: page.url, fetchedAt };
}
