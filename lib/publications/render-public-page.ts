import { toClaimReview } from "../export/to-claimreview.ts";
import type { LabelName } from "../validation/annotations.ts";
import type { PublicationSnapshot, PublicHighlight, PublicVerdict } from "./snapshot.ts";

const LABELS: Record<LabelName, { name: string; underline: string }> = {
  fact: { name: "Fact", underline: "solid underline" },
  opinion: { name: "Opinion", underline: "dashed underline" },
  advocacy: { name: "Advocacy", underline: "dotted underline" },
};

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>`, `&` and the JS line separators as
 * \u escapes, so no string inside can close the script element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function safeHref(url: string, base: string): string | null {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** The text with its highlights as paragraphs: each highlight piece is a <mark>, claims get their number. */
function renderBody(snapshot: PublicationSnapshot): string {
  const { text, highlights } = snapshot;
  const bounds = new Set<number>([0, text.length]);
  for (const h of highlights) {
    if (h.start >= 0 && h.end <= text.length && h.start < h.end) {
      bounds.add(h.start);
      bounds.add(h.end);
    }
  }
  const points = [...bounds].sort((a, b) => a - b);
  const started = new Set<PublicHighlight>();
  let html = "<p>";
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    // The innermost highlight (latest start) colours the piece; every highlight starting here is
    // announced once (its label, and for claims a link to the verdict).
    const covering = highlights.filter((h) => h.start <= from && h.end >= to && h.start < h.end);
    const shown = covering.reduce<PublicHighlight | null>(
      (best, h) => (!best || h.start >= best.start ? h : best),
      null,
    );
    let intro = "";
    for (const h of covering) {
      if (h.start !== from || started.has(h)) continue;
      started.add(h);
      intro += h.claim
        ? `<a class="claim-ref" id="text-claim-${h.claim}" href="#claim-${h.claim}"><span class="sr-only">${LABELS[h.label].name}, claim </span>${h.claim}</a>`
        : `<span class="sr-only">[${LABELS[h.label].name}] </span>`;
    }
    const paragraphs = text.slice(from, to).split(/\n\s*\n/);
    paragraphs.forEach((part, index) => {
      if (index > 0) html += "</p>\n<p>";
      const content = escapeHtml(part).replace(/\n/g, "<br>");
      const lead = index === 0 ? intro : "";
      if (!shown || part === "") html += lead + content;
      else html += `${lead}<mark class="hl hl-${shown.label}">${content}</mark>`;
    });
  }
  return `${html}</p>`;
}

function renderBadge(rating: PublicVerdict["rating"]): string {
  return `<span class="badge" style="border-color:${escapeHtml(rating.colour)}"><span class="swatch" aria-hidden="true" style="background:${escapeHtml(rating.colour)}"></span><span class="sr-only">Verdict: </span>${escapeHtml(rating.label)}</span>`;
}

function renderClaim(h: PublicHighlight, base: string): string {
  const verdict = h.verdict;
  let body = `<blockquote>${escapeHtml(h.quote)}</blockquote>`;
  if (verdict) {
    const evidence = verdict.evidence
      .map((item) => {
        const href = safeHref(item.url, base);
        const name = item.title || item.quote || item.url;
        const link = href
          ? `<a href="${escapeHtml(href)}" rel="nofollow noopener">${escapeHtml(name)}</a>`
          : escapeHtml(name);
        const archived = item.archivedUrl ? safeHref(item.archivedUrl, base) : null;
        return `<li><span class="relation">${item.relation === "corroborates" ? "Corroborates" : "Contradicts"}:</span> ${link}${item.publisher ? ` <span class="publisher">(${escapeHtml(item.publisher)})</span>` : ""}${archived ? ` · <a href="${escapeHtml(archived)}" rel="nofollow noopener">archived copy</a>` : ""}</li>`;
      })
      .join("");
    body += `<p class="rating">${renderBadge(verdict.rating)}</p><div class="conclusion">${verdict.conclusionHtml}</div>`;
    if (evidence) body += `<h4>Evidence</h4><ul class="evidence">${evidence}</ul>`;
    body += `<p class="meta">Updated <time datetime="${escapeHtml(verdict.updatedAt)}">${formatDate(verdict.updatedAt)}</time>${verdict.by ? ` · Fact-checked by ${escapeHtml(verdict.by)}` : ""}</p>`;
  } else {
    body += `<p class="meta">No verdict yet.</p>`;
  }
  return `<li><article id="claim-${h.claim}" aria-labelledby="claim-${h.claim}-title"><h3 id="claim-${h.claim}-title"><a href="#text-claim-${h.claim}">Claim ${h.claim}</a></h3>${body}</article></li>`;
}

const STYLE = `
:root{color-scheme:light}*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.6 Georgia,"Times New Roman",serif;color:#111827;background:#fff}
main{max-width:44rem;margin:0 auto;padding:1.25rem 1rem 3rem}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0}
h2{font:600 1.15rem/1.3 system-ui,sans-serif;margin:2rem 0 .75rem}
h3{font:600 1rem/1.3 system-ui,sans-serif;margin:0 0 .5rem}
h4{font:600 .9rem system-ui,sans-serif;margin:.75rem 0 .25rem}
.byline,.meta,.legend,.org{font:.875rem/1.5 system-ui,sans-serif;color:#374151}
a{color:#1d4ed8}
mark.hl{color:inherit;text-decoration-thickness:2px;text-underline-offset:3px}
mark.hl-fact{background:#dbeafe;text-decoration:underline solid #1e40af}
mark.hl-opinion{background:#fef3c7;text-decoration:underline dashed #92400e}
mark.hl-advocacy{background:#fce7f3;text-decoration:underline dotted #9d174d}
.claim-ref{font:700 .7rem system-ui,sans-serif;vertical-align:super;margin-right:.15rem;text-decoration:none;background:#1e40af;color:#fff;border-radius:.6rem;padding:0 .3rem}
.legend ul{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem}
.legend mark{padding:0 .25rem}
ol.claims{list-style:none;padding:0;margin:0}
ol.claims>li{border:1px solid #d1d5db;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
blockquote{margin:0 0 .5rem;padding-left:.75rem;border-left:3px solid #1e40af;font-style:italic}
.badge{display:inline-flex;align-items:center;gap:.4rem;border:2px solid;border-radius:.35rem;padding:.1rem .5rem;font:700 .9rem system-ui,sans-serif;background:#fff;color:#111827}
.swatch{width:.7rem;height:.7rem;border-radius:50%;display:inline-block}
.evidence{padding-left:1.1rem;font:.9rem/1.5 system-ui,sans-serif}
.relation{font-weight:600}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
footer{margin-top:2rem;font:.8rem system-ui,sans-serif;color:#4b5563}
@media (max-width:30rem){body{font-size:1rem}h1{font-size:1.45rem}main{padding:1rem .85rem 2rem}}
@media print{body{font-size:11pt}main{max-width:none;padding:0}a{color:#000}
.evidence a[href^="http"]::after{content:" (" attr(href) ")";font-size:9pt;word-break:break-all}
ol.claims>li{break-inside:avoid}mark.hl{print-color-adjust:exact;-webkit-print-color-adjust:exact}.claim-ref{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
`;

// Inside an iframe, tells the embedding page its height (the embed snippet listens); does nothing
// on its own, and the page needs no JavaScript.
const EMBED_SCRIPT = `(function(){if(window.parent===window)return;var id=location.pathname.split("/").pop();function send(){window.parent.postMessage({proofmarkEmbed:id,height:document.documentElement.scrollHeight},"*")}addEventListener("load",send);addEventListener("resize",send);if(window.ResizeObserver)new ResizeObserver(send).observe(document.body)})();`;

/**
 * The public page of a publication as one HTML document, from its snapshot alone: the text with
 * its approved highlights and a legend, the claims with their verdicts (badge, conclusion,
 * evidence), ClaimReview JSON-LD, OpenGraph tags, print and phone styles. `base` is the public
 * origin (absolute URLs in JSON-LD and OpenGraph).
 * @throws nothing
 */
export function renderPublicPage(
  snapshot: PublicationSnapshot,
  publicId: string,
  base: string,
  updatedAt: string,
): string {
  const origin = base.replace(/\/+$/, "");
  const pageUrl = `${origin}/p/${publicId}`;
  const claims = snapshot.highlights.filter((h) => h.claim !== null).sort((a, b) => a.claim! - b.claim!);
  const reviews = claims
    .filter((h) => h.verdict)
    .map((h) =>
      toClaimReview(
        {
          quote: h.quote,
          verdict: { rating: h.verdict!.rating, updatedAt: h.verdict!.updatedAt },
          article: {
            title: snapshot.title,
            byline: snapshot.byline,
            publishedAt: snapshot.articlePublishedAt,
            sourceUrl: snapshot.sourceUrl,
          },
          url: `${pageUrl}#claim-${h.claim}`,
          scale: snapshot.scale,
          organization: { name: snapshot.organization.name, url: snapshot.organization.url ?? origin },
        },
        true,
      ),
    );
  const usedLabels = (["fact", "opinion", "advocacy"] as const).filter((label) =>
    snapshot.highlights.some((h) => h.label === label),
  );
  const description =
    reviews.length > 0
      ? `${reviews.length} claim${reviews.length === 1 ? "" : "s"} fact-checked by ${snapshot.organization.name}.`
      : `Annotated by ${snapshot.organization.name}.`;
  const source = snapshot.sourceUrl ? safeHref(snapshot.sourceUrl, origin) : null;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(snapshot.title)} · fact-checked by ${escapeHtml(snapshot.organization.name)}</title>
<meta name="description" content="${escapeHtml(description)}">
<link rel="canonical" href="${escapeHtml(pageUrl)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${escapeHtml(snapshot.title)}">
<meta property="og:description" content="${escapeHtml(description)}">
<meta property="og:url" content="${escapeHtml(pageUrl)}">
<meta property="og:site_name" content="${escapeHtml(snapshot.organization.name)}">
<meta property="article:modified_time" content="${escapeHtml(updatedAt)}">
<meta name="twitter:card" content="summary">
<style>${STYLE}</style>
${reviews.length > 0 ? `<script type="application/ld+json">${jsonForScript(reviews)}</script>` : ""}
<script>${EMBED_SCRIPT}</script>
</head>
<body>
<main>
<header>
<p class="org">${escapeHtml(snapshot.organization.name)} · annotated article</p>
<h1>${escapeHtml(snapshot.title)}</h1>
<p class="byline">${snapshot.byline ? `${escapeHtml(snapshot.byline)} · ` : ""}${snapshot.articlePublishedAt ? `Published <time datetime="${escapeHtml(snapshot.articlePublishedAt)}">${formatDate(snapshot.articlePublishedAt)}</time> · ` : ""}${source ? `<a href="${escapeHtml(source)}" rel="nofollow noopener">Original source</a> · ` : ""}Updated on <time datetime="${escapeHtml(updatedAt)}">${formatDate(updatedAt)}</time></p>
</header>
${
  usedLabels.length > 0
    ? `<section class="legend" aria-labelledby="legend-title"><h2 id="legend-title">Legend</h2><ul>${usedLabels
        .map(
          (label) =>
            `<li><mark class="hl hl-${label}">${LABELS[label].name}</mark> (${LABELS[label].underline})</li>`,
        )
        .join(
          "",
        )}</ul>${claims.length > 0 ? "<p>Numbered passages are claims; their number leads to the verdict.</p>" : ""}</section>`
    : ""
}
<section aria-labelledby="text-title"><h2 id="text-title">The text</h2>
<div class="body">${renderBody(snapshot)}</div>
</section>
${
  claims.length > 0
    ? `<section aria-labelledby="claims-title"><h2 id="claims-title">Claims and verdicts</h2><ol class="claims">${claims.map((h) => renderClaim(h, origin)).join("")}</ol></section>`
    : ""
}
<footer><p>Published by ${escapeHtml(snapshot.organization.name)}${snapshot.organization.url && safeHref(snapshot.organization.url, origin) ? ` · <a href="${escapeHtml(safeHref(snapshot.organization.url, origin)!)}">${escapeHtml(snapshot.organization.url)}</a>` : ""}.</p></footer>
</main>
</body>
</html>
`;
}
