// Shared pieces of the webhook and event-feed tests: the demo text, an article of a team, and a
// started job queue on the test file's database.
import { readFileSync } from "node:fs";
import { createArticle } from "../../lib/articles/create-article.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { getJobQueue, startJobQueue } from "../../lib/jobs/job-queue.ts";

export const DEMO_TEXT = (() => {
  const demo = readFileSync(
    new URL("../../prisma/seed-data/coalition-airstrikes.txt", import.meta.url),
    "utf8",
  );
  return demo.slice(demo.indexOf("\n")).trim();
})();

/** Offsets of a passage of the demo text. */
export function spanOf(quote: string): { start: number; end: number } {
  const start = DEMO_TEXT.indexOf(quote);
  if (start < 0) throw new Error(`not in the demo text: ${quote}`);
  return { start, end: start + quote.length };
}

/** Imports the demo text into a team through the use case (so its event is written). */
export async function importDemoArticle(
  actor: Actor,
  teamSlug: string,
  title = "US-Led Coalition Airstrikes",
) {
  return createArticle({ actor, teamSlug, input: { title, format: "text", content: DEMO_TEXT } });
}

/** Starts pg-boss on the test file's database (once per file) and returns it with its pool. */
export async function startTestJobQueue() {
  await startJobQueue(process.env.DATABASE_URL);
  return getJobQueue()!;
}
