// How annotations become Krippendorff units (docs/MODERATION.md, "Agreement"): a unit is a
// cluster of overlapping spans in one article; each annotator contributes at most one value
// per unit, the label of their annotation that overlaps the other annotators' spans the most.

/** The fields of an annotation that unitisation reads. */
export interface SpanForAgreement {
  id: string;
  authorId: string;
  /** The label the annotator gave (before any moderator relabel). */
  label: string;
  start: number;
  end: number;
  createdAt: Date;
}

/** One unit: the annotations of a cluster and each annotator's value in it. */
export interface AgreementUnit {
  start: number;
  end: number;
  annotationIds: string[];
  /** annotator id -> label */
  values: Map<string, string>;
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * Groups one article's annotations into clusters of overlapping spans (a span overlapping any
 * span of a cluster joins it; spans that only touch do not overlap) and picks each annotator's value.
 * @throws nothing
 */
export function unitiseAnnotations(spans: readonly SpanForAgreement[]): AgreementUnit[] {
  const sorted = [...spans]
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const clusters: SpanForAgreement[][] = [];
  let clusterEnd = -1;
  for (const span of sorted) {
    const current = clusters[clusters.length - 1];
    if (current && span.start < clusterEnd) {
      current.push(span);
      clusterEnd = Math.max(clusterEnd, span.end);
    } else {
      clusters.push([span]);
      clusterEnd = span.end;
    }
  }
  return clusters.map((cluster) => {
    const values = new Map<string, string>();
    const byAuthor = new Map<string, SpanForAgreement[]>();
    for (const span of cluster) byAuthor.set(span.authorId, [...(byAuthor.get(span.authorId) ?? []), span]);
    for (const [authorId, own] of byAuthor) {
      const others = cluster.filter((span) => span.authorId !== authorId);
      const score = (span: SpanForAgreement) => others.reduce((sum, other) => sum + overlap(span, other), 0);
      const best = [...own].sort(
        (a, b) =>
          score(b) - score(a) ||
          b.end - b.start - (a.end - a.start) ||
          a.createdAt.getTime() - b.createdAt.getTime(),
      )[0]!;
      values.set(authorId, best.label);
    }
    return {
      start: Math.min(...cluster.map((span) => span.start)),
      end: Math.max(...cluster.map((span) => span.end)),
      annotationIds: cluster.map((span) => span.id),
      values,
    };
  });
}
