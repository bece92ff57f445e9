// Shared pieces of the evidence snapshot tests: pages a loopback server serves, and a wait for a
// snapshot row to reach a state.
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { db } from "../../lib/db.ts";
import { addEvidence } from "../../lib/evidence/add-evidence.ts";
import { DEMO_TEXT, spanOf } from "./demo-text.ts";

/** An article-like page: a story long enough for Readability, with the given sentence in it. */
export function storyPage(title: string, sentence: string): string {
  const filler = "The committee met on Tuesday to review the figures published by the ministry. ".repeat(6);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><nav>Home | World | Politics</nav><article><h1>${title}</h1>
<p>${filler}</p><p>${sentence}</p><p>${filler}</p></article></body></html>`;
}

/** Annotates a passage of the demo article and cites `url` as corroborating evidence. */
export async function citeUrl(actor: Actor, articleId: string, url: string, quote = "the cited figure") {
  const passage = DEMO_TEXT.slice(0, 40);
  const span = spanOf(passage);
  const annotation = await createAnnotation({ actor, articleId, input: { label: "fact", ...span } });
  return addEvidence({ actor, annotationId: annotation.id, input: { relation: "corroborates", url, quote } });
}

/** Waits until the snapshot of an evidence item satisfies `done` (polling the row). */
export async function waitForSnapshot(
  evidenceId: string,
  done: (row: NonNullable<Awaited<ReturnType<typeof readSnapshot>>>) => boolean,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await readSnapshot(evidenceId);
    if (row && done(row)) return row;
    if (Date.now() > deadline)
      throw new Error(`snapshot of ${evidenceId} never got there: ${JSON.stringify(row?.state)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function readSnapshot(evidenceId: string) {
  return db.evidenceSnapshot.findUnique({ where: { evidenceId } });
}
