import { Readability } from "@mozilla/readability";
import { JSDOM } from "jsdom";
import { AppError } from "../errors.ts";

/** What the extractor found in a web page: the story's HTML and its metadata. */
export interface ExtractedArticle {
  /** The story's body as HTML (Readability's output; cleaned again by the HTML importer). */
  html: string;
  /** The story's plain text, for checks and language detection. */
  text: string;
  title: string | null;
  byline: string | null;
  /** ISO 8601 date-time, or null. */
  publishedAt: string | null;
  siteName: string | null;
  /** The page's canonical URL (absolute http/https), or null. */
  canonicalUrl: string | null;
  /** A BCP 47 tag declared by the page (JSON-LD, `<html lang>`, og:locale), or null. */
  language: string | null;
  /** `rtl` when the page declares right-to-left, else `ltr`/null. */
  dir: string | null;
}

/** A story shorter than this (characters of text) is not an article: a menu, a login wall, an app shell. */
export const MIN_ARTICLE_CHARS = 200;

type JsonLd = Record<string, unknown>;

const ARTICLE_TYPES =
  /^(?:News|Reportage|Analysis|Opinion|Review|Background|Satirical|Scholarly|Tech|Social)?Article$|^(?:BlogPosting|LiveBlogPosting|Report|PressRelease)$/;

function asString(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number") return String(value);
  return null;
}

function names(value: unknown): string | null {
  const list = Array.isArray(value) ? value : [value];
  const out = list
    .map((entry) => (typeof entry === "string" ? entry : asString((entry as JsonLd | null)?.name)))
    .filter((entry): entry is string => !!entry && entry.trim().length > 0)
    .map((entry) => entry.trim());
  return out.length ? [...new Set(out)].join(", ") : null;
}

function isArticleNode(node: JsonLd): boolean {
  const type = node["@type"];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === "string" && ARTICLE_TYPES.test(t));
}

/** The first JSON-LD object of an article type (also inside `@graph` and arrays). */
function findJsonLdArticle(document: Document): JsonLd | null {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length) {
      const node = queue.shift();
      if (Array.isArray(node)) queue.push(...node);
      else if (node && typeof node === "object") {
        const object = node as JsonLd;
        if (isArticleNode(object)) return object;
        if (Array.isArray(object["@graph"])) queue.push(...(object["@graph"] as unknown[]));
      }
    }
  }
  return null;
}

function meta(document: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    const element =
      document.querySelector(`meta[property="${key}"]`) ?? document.querySelector(`meta[name="${key}"]`);
    const content = asString(element?.getAttribute("content"));
    if (content) return content;
  }
  return null;
}

function absoluteHttpUrl(value: string | null, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function isoDate(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Normalises `fr_FR`, `EN-us`, `ar` to a BCP 47 tag (`fr-FR`, `en-US`, `ar`), or null when it is not one. */
export function normaliseLanguageTag(value: string | null | undefined): string | null {
  if (!value) return null;
  const parts = value.trim().replace(/_/g, "-").split("-");
  const [primary, ...rest] = parts;
  if (!primary || !/^[a-zA-Z]{2,3}$/.test(primary)) return null;
  const subtags = rest.filter((part) => /^[a-zA-Z0-9]{2,8}$/.test(part));
  return [
    primary.toLowerCase(),
    ...subtags.map((part) =>
      part.length === 2
        ? part.toUpperCase()
        : part.length === 4
          ? part[0]!.toUpperCase() + part.slice(1).toLowerCase()
          : part.toLowerCase(),
    ),
  ].join("-");
}

function collapse(text: string | null | undefined): string | null {
  const value = text?.replace(/\s+/g, " ").trim();
  return value ? value : null;
}

/**
 * Extracts the story and its metadata from a web page: Readability over a jsdom document with
 * scripts disabled and no resources loaded (the body only: no navigation, ads, related links,
 * comments, cookie banners); metadata from JSON-LD `NewsArticle` (and kin), then OpenGraph, then
 * meta tags, then Readability's guesses.
 * @throws AppError not_an_article when no readable story is found
 */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  // jsdom runs no scripts unless told (runScripts) and loads no sub-resources by default.
  const dom = new JSDOM(html, { url: pageUrl, contentType: "text/html" });
  try {
    const document = dom.window.document;
    const jsonLd = findJsonLdArticle(document);
    const htmlLang = document.documentElement.getAttribute("lang");
    const canonical =
      absoluteHttpUrl(
        document.querySelector('link[rel~="canonical"]')?.getAttribute("href") ?? null,
        pageUrl,
      ) ??
      absoluteHttpUrl(meta(document, "og:url"), pageUrl) ??
      absoluteHttpUrl(
        asString(jsonLd?.url) ?? asString((jsonLd?.mainEntityOfPage as JsonLd | null)?.["@id"]),
        pageUrl,
      );
    const metadata = {
      title:
        collapse(asString(jsonLd?.headline)) ?? collapse(meta(document, "og:title", "twitter:title")) ?? null,
      byline:
        collapse(names(jsonLd?.author)) ??
        collapse(meta(document, "author", "article:author", "byl", "sailthru.author")),
      publishedAt: isoDate(
        asString(jsonLd?.datePublished) ??
          meta(
            document,
            "article:published_time",
            "datePublished",
            "date",
            "pubdate",
            "publish-date",
            "dc.date",
          ),
      ),
      siteName:
        collapse(names(jsonLd?.publisher)) ?? collapse(meta(document, "og:site_name", "application-name")),
      language:
        normaliseLanguageTag(asString(jsonLd?.inLanguage)) ??
        normaliseLanguageTag(htmlLang) ??
        normaliseLanguageTag(meta(document, "og:locale", "language", "content-language")),
    };
    const parsed = new Readability(document, { charThreshold: MIN_ARTICLE_CHARS }).parse();
    const text = parsed?.textContent?.replace(/\s+/g, " ").trim() ?? "";
    if (!parsed?.content || text.length < MIN_ARTICLE_CHARS) {
      throw new AppError(
        "not_an_article",
        "No article was found at that address (the page has no readable story)",
      );
    }
    return {
      html: parsed.content,
      text,
      title: metadata.title ?? collapse(parsed.title),
      byline: metadata.byline ?? collapse(parsed.byline),
      publishedAt: metadata.publishedAt ?? isoDate(parsed.publishedTime ?? null),
      siteName: metadata.siteName ?? collapse(parsed.siteName),
      canonicalUrl: canonical,
      language: metadata.language ?? normaliseLanguageTag(parsed.lang),
      dir: parsed.dir ?? document.documentElement.getAttribute("dir"),
    };
  } finally {
    dom.window.close();
  }
}
