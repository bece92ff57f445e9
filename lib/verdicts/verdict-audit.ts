/** What a verdict read must include for verdictAuditState. */
export const VERDICT_AUDIT_INCLUDE = { rating: { select: { label: true, value: true } } } as const;

/** A verdict as its audit events record it (before a change or deletion, after a save). */
export function verdictAuditState(verdict: {
  id: string;
  rating: { label: string; value: number | null };
  conclusion: string;
  evidenceIds: string[];
}): Record<string, unknown> {
  return {
    verdictId: verdict.id,
    rating: verdict.rating.label,
    ratingValue: verdict.rating.value,
    conclusion: verdict.conclusion,
    evidenceIds: verdict.evidenceIds,
  };
}
