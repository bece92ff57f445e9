import { setFlagsFromString } from "node:v8";
import { z } from "zod";

/**
 * How much V8 lets the old generation grow past the live heap before its next full collection,
 * in percent, unless HEAP_GROWING_PERCENT says otherwise. V8's own factor goes up to 4× when
 * collections are cheap: a server whose live heap is 140 MB then lets short-lived garbage that
 * survived two young collections (a streamed team export promotes a few MB per scavenge) pile
 * up to about 390 MB before collecting it. At 30 % the same export peaks about 60 MB above its
 * baseline (docs/EXPORT.md, "Memory"), for a few more full collections.
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 30;

const ZHeapGrowingPercent = z.coerce
  .number()
  .int("HEAP_GROWING_PERCENT must be a whole number")
  .min(0, "HEAP_GROWING_PERCENT must be 0 (V8's default) or more")
  .max(1000, "HEAP_GROWING_PERCENT must be at most 1000");

/**
 * Sets V8's heap growing factor from HEAP_GROWING_PERCENT (default 30; 0 keeps V8's own
 * heuristics). Call once at process start, before the server takes traffic. Returns the
 * percent applied, or null when V8's default is kept.
 * @throws ZodError when HEAP_GROWING_PERCENT is not a whole number from 0 to 1000
 */
export function configureHeapGrowth(env: Record<string, string | undefined> = process.env): number | null {
  const raw = env.HEAP_GROWING_PERCENT;
  const percent =
    raw === undefined || raw.trim() === "" ? DEFAULT_HEAP_GROWING_PERCENT : ZHeapGrowingPercent.parse(raw);
  if (percent === 0) return null;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
