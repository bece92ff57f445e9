import { parseLiveObject } from "../collab/live-json.ts";
import type { VerdictJson } from "./verdict-json.ts";

/**
 * The Y.Map of verdicts inside the article's server-written annotation document
 * (`article.<id>.annotations`): annotation id → that annotation's VerdictJson as a JSON string.
 * A map of its own, beside the annotations map, so that republishing an annotation (a review, an
 * evidence count) never has to know about its verdict.
 */
export const VERDICTS_MAP = "verdicts";

/**
 * Reads one value of the verdict map, or null when it is not a verdict.
 * @throws nothing
 */
export function decodeLiveVerdict(value: unknown): VerdictJson | null {
  const verdict = parseLiveObject(value) as Partial<VerdictJson> | null;
  return verdict && typeof verdict.annotationId === "string" && typeof verdict.rating === "object"
    ? (verdict as VerdictJson)
    : null;
}
