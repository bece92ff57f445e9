// Issue 15: URL import of a 5,000-word news page from a loopback server (the server-side work:
// fetch through lib/fetch, charset decoding, Readability extraction, language detection, the body
// document, its Yjs state and plain text; the database insert is not included), and text
// extraction of a 50-page PDF. In-process: no production server, no database.
import { performance } from "node:perf_hooks";
import { createArticleBody } from "./lib/import-body-build.ts";
import { round, summarize } from "./lib/stats.ts";
import { generateArticle } from "./lib/text.ts";
import { type Benchmark, outcome } from "./lib/types.ts";

function newsPage(body: string): string {
  const paragraphs = body
    .split("\n\n")
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench story</title>
<meta property="og:title" content="Bench story"><meta property="og:site_name" content="Bench Courier">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Bench story","author":{"@type":"Person","name":"B. Writer"},"datePublished":"2026-12-01T10:00:00Z"}</script>
</head><body><nav>${'<a href="/x">Section</a> '.repeat(40)}</nav>
<main><article><h1>Bench story</h1>${paragraphs}</article></main>
<aside>${'<a href="/y">Related story</a> '.repeat(30)}</aside><footer>© Bench</footer></body></html>`;
}

export const imports: Benchmark = {
  name: "imports",
  title: "URL import (5,000-word page from a loopback server) and PDF extraction (50 pages)",
  needsServer: false,
  async run(ctx) {
    const { createServer } = await import("node:http");
    const { fetchArticlePage } = await import("../lib/articles/fetch-article-page.ts");
    const { extractPdfText } = await import("../lib/articles/extract-pdf-text.ts");
    const words = ctx.smoke ? 500 : 5_000;
    const pages = ctx.smoke ? 3 : 50;
    const runs = ctx.smoke ? 3 : 20;

    const html = newsPage(generateArticle(words, 11));
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address() as { port: number };
    const url = `http://127.0.0.1:${address.port}/story`;
    const allowHosts = process.env.FETCH_ALLOW_HOSTS;
    process.env.FETCH_ALLOW_HOSTS = `127.0.0.1:${address.port}`;
    const urlTimes: number[] = [];
    let extractedWords = 0;
    try {
      for (let i = 0; i < runs + 1; i++) {
        const started = performance.now();
        const page = await fetchArticlePage(url);
        const body = createArticleBody(page.article.html, page.article.language);
        const elapsed = performance.now() - started;
        if (i > 0) urlTimes.push(elapsed); // the first run loads jsdom, Readability and franc
        extractedWords = body.text.split(/\s+/).length;
      }
    } finally {
      if (allowHosts === undefined) delete process.env.FETCH_ALLOW_HOSTS;
      else process.env.FETCH_ALLOW_HOSTS = allowHosts;
      server.close();
    }

    const { writeBenchPdf } = await import("./lib/bench-pdf.ts");
    const pdf = await writeBenchPdf(pages);
    const pdfTimes: number[] = [];
    let paragraphs = 0;
    for (let i = 0; i < (ctx.smoke ? 2 : 5) + 1; i++) {
      const started = performance.now();
      const result = await extractPdfText(pdf);
      const elapsed = performance.now() - started;
      if (i > 0) pdfTimes.push(elapsed);
      paragraphs = result.paragraphs.length;
    }
    const url50 = summarize(urlTimes);
    const pdf50 = summarize(pdfTimes);
    ctx.log(`imports: URL p50 ${round(url50.p50)} ms, PDF p50 ${round(pdf50.p50)} ms`);
    return outcome({
      tables: [
        {
          title: "Import work on the server (milliseconds)",
          columns: ["import", "size", "runs", "p50", "p95", "max"],
          rows: [
            {
              import: "URL (fetch + extract + body)",
              size: `${words} words (${extractedWords} kept)`,
              runs: url50.n,
              p50: round(url50.p50),
              p95: round(url50.p95),
              max: round(url50.max),
            },
            {
              import: "PDF (text + paragraphs)",
              size: `${pages} pages, ${Math.round(pdf.length / 1024)} KB (${paragraphs} paragraphs)`,
              runs: pdf50.n,
              p50: round(pdf50.p50),
              p95: round(pdf50.p95),
              max: round(pdf50.max),
            },
          ],
        },
      ],
      budgets: [
        {
          name: "URL import of a 5,000-word page: p50",
          limit: "< 500 ms",
          measured: `${round(url50.p50)} ms`,
          met: ctx.smoke ? null : url50.p50 < 500,
        },
        {
          name: "PDF of 50 pages: p50",
          limit: "< 3 s",
          measured: `${round(pdf50.p50)} ms`,
          met: ctx.smoke ? null : pdf50.p50 < 3000,
        },
      ],
      data: { words, pages, url: url50, pdf: pdf50 },
      notes: [
        "In-process: the database insert (one row, its search vector) is not included; the first run of each (module loading) is not counted.",
      ],
    });
  },
};
