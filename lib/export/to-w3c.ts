import type { ArticleExport, ExportedAnnotation, ExportedArticle, ExportedEvidence } from "./export-types.ts";

/** The Web Annotation JSON-LD context. */
export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

/** The namespace of Proofmark's own terms (status, relation, orphaned) in the w3c export. */
export const PROOFMARK_NAMESPACE = "https://proofmark.app/ns#";

/** `@context` of every w3c object: the Web Annotation context plus the `proofmark:` prefix. */
export const W3C_CONTEXT = [ANNO_CONTEXT, { proofmark: PROOFMARK_NAMESPACE }] as const;

/** The media type of the w3c export. */
export const W3C_CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

export type W3cObject = Record<string, unknown>;

/**
 * Converts UTF-16 offsets of one text to Unicode code point offsets (what TextPositionSelector
 * counts). Built once per text: it remembers where surrogate pairs are and binary-searches them.
 */
export function codePointConverter(text: string): (utf16Offset: number) => number {
  const pairEnds: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairEnds.push(i + 1);
        i++;
      }
    }
  }
  return (offset) => {
    // pairs whose second half lies before `offset` each counted two units for one code point
    let low = 0;
    let high = pairEnds.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairEnds[middle]! < offset) low = middle + 1;
      else high = middle;
    }
    return offset - low;
  };
}

/** The public IRIs of exported things. */
export function exportIris(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    annotation: (id: string) => `${base}/api/v1/annotations/${id}`,
    article: (id: string) => `${base}/api/v1/articles/${id}`,
    team: (slug: string) => `${base}/api/v1/teams/${encodeURIComponent(slug)}`,
    user: (id: string) => `urn:uuid:${id}`,
    snapshot: (evidenceId: string) => `${base}/api/v1/evidence/${evidenceId}/snapshot`,
  };
}

function evidenceBody(evidence: ExportedEvidence, iris: ReturnType<typeof exportIris>): W3cObject | null {
  let source: string | null = evidence.url;
  if (!source && evidence.targetAnnotationId) source = iris.annotation(evidence.targetAnnotationId);
  else if (!source && evidence.targetArticleId) source = iris.article(evidence.targetArticleId);
  if (!source) return null; // an internal target that no longer exists has nothing to link to
  return {
    id: `urn:uuid:${evidence.id}`,
    type: "SpecificResource",
    purpose: "linking",
    source,
    "proofmark:relation": evidence.relation,
    ...(evidence.removed ? { "proofmark:removed": true } : {}),
    ...(evidence.title ? { "dc:title": evidence.title } : {}),
    ...(evidence.note ? { "proofmark:note": evidence.note } : {}),
    ...(evidence.quote ? { "proofmark:quote": evidence.quote } : {}),
    ...(evidence.archivedUrl ? { "proofmark:archivedUrl": evidence.archivedUrl } : {}),
    // Web Annotation model §4.2.1: the state of the source when cited, and Proofmark's copy of it.
    ...(evidence.snapshot?.state === "archived" && evidence.snapshot.fetchedAt
      ? {
          state: {
            type: "TimeState",
            sourceDate: evidence.snapshot.fetchedAt,
            cached: iris.snapshot(evidence.id),
          },
        }
      : {}),
  };
}

/** One annotation as a W3C Web Annotation (label as a tagging body, evidence as linking bodies). */
export function toW3cAnnotation(
  annotation: ExportedAnnotation,
  article: Pick<ExportedArticle, "id">,
  iris: ReturnType<typeof exportIris>,
  toCodePoint: (offset: number) => number,
): W3cObject {
  const body: W3cObject[] = [
    { type: "TextualBody", purpose: "tagging", value: annotation.label, format: "text/plain" },
  ];
  if (annotation.note) {
    body.push({ type: "TextualBody", purpose: "commenting", value: annotation.note, format: "text/plain" });
  }
  for (const evidence of annotation.evidence) {
    const linking = evidenceBody(evidence, iris);
    if (linking) body.push(linking);
  }
  if (annotation.verdict) {
    // The fact-check ruling: the conclusion as an assessing body, the rating as Proofmark terms.
    body.push({
      id: `urn:uuid:${annotation.verdict.id}`,
      type: "TextualBody",
      purpose: "assessing",
      value: annotation.verdict.conclusion,
      format: "text/markdown",
      created: annotation.verdict.createdAt,
      modified: annotation.verdict.updatedAt,
      creator: {
        id: iris.user(annotation.verdict.author.id),
        type: "Person",
        name: annotation.verdict.author.name,
      },
      "proofmark:rating": annotation.verdict.rating.label,
      ...(annotation.verdict.rating.value === null
        ? {}
        : { "proofmark:ratingValue": annotation.verdict.rating.value }),
      "proofmark:evidence": annotation.verdict.evidenceIds.map((id) => `urn:uuid:${id}`),
    });
  }
  const selector: W3cObject[] = [
    {
      type: "TextQuoteSelector",
      exact: annotation.quote,
      prefix: annotation.prefix,
      suffix: annotation.suffix,
    },
  ];
  // An orphaned annotation's offsets no longer point at its quote: only the quote is exported.
  if (!annotation.orphaned) {
    selector.push({
      type: "TextPositionSelector",
      start: toCodePoint(annotation.start),
      end: toCodePoint(annotation.end),
    });
  }
  return {
    "@context": W3C_CONTEXT,
    id: iris.annotation(annotation.id),
    type: "Annotation",
    motivation: "tagging",
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    creator: { id: iris.user(annotation.author.id), type: "Person", name: annotation.author.name },
    body,
    target: {
      type: "SpecificResource",
      source: iris.article(article.id),
      selector,
    },
    "proofmark:status": annotation.status,
    ...(annotation.orphaned ? { "proofmark:orphaned": true } : {}),
    // Made in a blind round (docs/MODERATION.md): the round and when its author submitted.
    ...(annotation.round
      ? {
          "proofmark:round": `urn:uuid:${annotation.round.id}`,
          ...(annotation.round.submittedAt
            ? { "proofmark:roundSubmitted": annotation.round.submittedAt }
            : {}),
        }
      : {}),
  };
}

/** Every annotation of one article export as W3C annotations. */
export function toW3cAnnotations(articleExport: ArticleExport, baseUrl: string): W3cObject[] {
  const iris = exportIris(baseUrl);
  const toCodePoint = codePointConverter(articleExport.article.text);
  return articleExport.annotations.map((annotation) =>
    toW3cAnnotation(annotation, articleExport.article, iris, toCodePoint),
  );
}

/** The AnnotationCollection of one article, with every annotation in its first page. */
export function toW3cArticleCollection(articleExport: ArticleExport, baseUrl: string): W3cObject {
  const iris = exportIris(baseUrl);
  const items = toW3cAnnotations(articleExport, baseUrl);
  const id = `${iris.article(articleExport.article.id)}/export?format=w3c`;
  return {
    "@context": W3C_CONTEXT,
    id,
    type: "AnnotationCollection",
    label: articleExport.article.title,
    total: items.length,
    first: { id: `${id}#page1`, type: "AnnotationPage", startIndex: 0, items },
  };
}
