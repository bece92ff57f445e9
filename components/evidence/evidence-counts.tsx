/** The ✓/✗ badge of an annotation's evidence (with words for screen readers); nothing when both are 0. */
export function EvidenceCounts({
  corroborates,
  contradicts,
  citedBy = 0,
  className = "",
}: {
  corroborates: number;
  contradicts: number;
  citedBy?: number;
  className?: string;
}) {
  if (corroborates === 0 && contradicts === 0 && citedBy === 0) return null;
  return (
    <span className={`inline-flex items-center gap-1.5 text-xs font-medium ${className}`}>
      {corroborates > 0 && (
        <span className="text-green-800">
          <span aria-hidden="true">✓{corroborates}</span>
          <span className="sr-only">{corroborates} corroborating</span>
        </span>
      )}
      {contradicts > 0 && (
        <span className="text-red-800">
          <span aria-hidden="true">✗{contradicts}</span>
          <span className="sr-only">{contradicts} contradicting</span>
        </span>
      )}
      {citedBy > 0 && (
        <span className="text-gray-700">
          <span aria-hidden="true">↩{citedBy}</span>
          <span className="sr-only">cited as evidence {citedBy} times</span>
        </span>
      )}
    </span>
  );
}
