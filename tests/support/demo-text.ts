// The seeded demo article (prisma/seed-data/coalition-airstrikes.txt): its title line and its
// body, read once for every test that imports or annotates it. No database: unit tests use it too.
import { readFileSync } from "node:fs";

const demo = readFileSync(
  new URL("../../prisma/seed-data/coalition-airstrikes.txt", import.meta.url),
  "utf8",
);

/** The demo article's title (its first line). */
export const DEMO_TITLE = demo.slice(0, demo.indexOf("\n")).trim();

/** The demo article's body (everything after the title line, trimmed). */
export const DEMO_TEXT = demo.slice(demo.indexOf("\n")).trim();

/** Offsets of the first occurrence of `quote` in `text` (the demo body by default); throws if absent. */
export function spanOf(quote: string, text = DEMO_TEXT): { start: number; end: number } {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in the text: ${quote}`);
  return { start, end: start + quote.length };
}
