import type { RatingJson } from "@/lib/verdicts/rating-scale";

/**
 * A rating as a badge: the team's colour as a swatch and border, the label in dark text (so the
 * contrast never depends on the colour an admin picked).
 */
export function RatingBadge({ rating }: { rating: Pick<RatingJson, "label" | "colour"> }) {
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded border-2 bg-white px-1.5 py-0.5 text-xs font-semibold text-gray-900"
      style={{ borderColor: rating.colour }}
      data-verdict-badge
    >
      <span
        aria-hidden="true"
        className="inline-block h-2.5 w-2.5 rounded-full"
        style={{ background: rating.colour }}
      />
      <span>
        <span className="sr-only">Verdict: </span>
        {rating.label}
      </span>
    </span>
  );
}
