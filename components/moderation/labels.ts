import type { LabelName } from "@/lib/validation/annotations";

export type { LabelName };

/** Labels in shortcut order: 1 fact, 2 opinion, 3 advocacy. */
export const LABEL_NAMES: readonly LabelName[] = ["fact", "opinion", "advocacy"];

/** Badge colours per label: the same palette as the highlights (app/globals.css), contrast at least 4.5:1. */
export const LABEL_STYLE: Record<LabelName, string> = {
  fact: "bg-fact-bg text-fact",
  opinion: "bg-opinion-bg text-opinion",
  advocacy: "bg-advocacy-bg text-advocacy",
};

/** Bar colours per label and for untagged text, shared by the agreement charts. */
export const LABEL_BAR: Record<LabelName | "untagged", string> = {
  fact: "bg-fact",
  opinion: "bg-opinion",
  advocacy: "bg-advocacy",
  untagged: "bg-gray-300",
};

/** The same colours as hex values, for the chart library (it draws SVG, not CSS classes). */
export const LABEL_HEX: Record<LabelName | "untagged", string> = {
  fact: "#0f5132",
  opinion: "#7a3e00",
  advocacy: "#6b1e74",
  untagged: "#d1d5db",
};
