import type { AnnotationJson } from "@/lib/annotations/annotation-json";
import type { LabelName, StatusName } from "@/lib/validation/annotations";

/** How each label is shown: name, letter badge, underline style and keyboard shortcuts. */
export const LABEL_META: Record<
  LabelName,
  { name: string; letter: string; underline: string; keys: readonly string[]; digit: string }
> = {
  fact: { name: "Fact", letter: "F", underline: "solid underline", keys: ["1", "f"], digit: "1" },
  opinion: { name: "Opinion", letter: "O", underline: "dashed underline", keys: ["2", "o"], digit: "2" },
  advocacy: { name: "Advocacy", letter: "A", underline: "dotted underline", keys: ["3", "a"], digit: "3" },
};

export const LABEL_ORDER: readonly LabelName[] = ["fact", "opinion", "advocacy"];

export const STATUS_TEXT: Record<StatusName, string> = {
  pending: "Pending review",
  approved: "Approved",
  rejected: "Rejected",
};

/** The label a key press picks (1/2/3 or F/O/A, any case), or null. */
export function labelForKey(key: string): LabelName | null {
  const lower = key.toLowerCase();
  return LABEL_ORDER.find((label) => LABEL_META[label].keys.includes(lower)) ?? null;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a screen reader says about a highlight: label, author, status and evidence counts. */
export function describeHighlight(
  annotation: Pick<AnnotationJson, "label" | "status" | "author" | "evidence">,
): string {
  return [
    `${LABEL_META[annotation.label].name} by ${annotation.author.name}`,
    STATUS_TEXT[annotation.status].toLowerCase(),
    `${count(annotation.evidence.corroborates, "corroborating source", "corroborating sources")}, ${count(annotation.evidence.contradicts, "contradicting source", "contradicting sources")}`,
  ].join(", ");
}
