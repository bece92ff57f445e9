import type { LabelName } from "@/lib/validation/annotations";

export type { LabelName };

/** Labels in shortcut order: 1 fact, 2 opinion, 3 advocacy. */
export const LABEL_NAMES: readonly LabelName[] = ["fact", "opinion", "advocacy"];

/** Badge colours per label (text contrast at least 4.5:1). */
export const LABEL_STYLE: Record<LabelName, string> = {
  fact: "bg-sky-100 text-sky-950",
  opinion: "bg-violet-100 text-violet-950",
  advocacy: "bg-orange-100 text-orange-950",
};

/** Bar colours per label and for untagged text, shared by the agreement charts. */
export const LABEL_BAR: Record<LabelName | "untagged", string> = {
  fact: "bg-sky-600",
  opinion: "bg-violet-600",
  advocacy: "bg-orange-600",
  untagged: "bg-gray-300",
};
