// Shared pieces of the webhook and event-feed tests: the demo article imported into a team, and a
// started job queue on the test file's database.
import { createArticle } from "../../lib/articles/create-article.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { getJobQueue, startJobQueue } from "../../lib/jobs/job-queue.ts";
import { DEMO_TEXT } from "./demo-text.ts";

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
