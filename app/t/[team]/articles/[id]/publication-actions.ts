"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { publishArticle, republishArticle, unpublishArticle } from "@/lib/publications/publish-article";

// Bound arguments come back from the browser, so they are checked like any other input.
const ZArgs = z.object({ team: z.string().min(1).max(100), articleId: z.uuid() });

function articlePath(args: { team: string; articleId: string }): string {
  return `/t/${encodeURIComponent(args.team)}/articles/${args.articleId}`;
}

/** The query that tells the page what happened (a plain form: no JavaScript needed). */
async function outcome(done: string, use: () => Promise<unknown>): Promise<string> {
  const result = await runAction(use);
  return result.ok ? `publication=${done}` : `publicationError=${encodeURIComponent(result.error)}`;
}

/** Publishes the article (plain form; the page shows the outcome). */
export async function publishAction(team: string, articleId: string): Promise<void> {
  const args = ZArgs.parse({ team, articleId });
  const user = await requireCurrentUser(articlePath(args));
  const query = await outcome("published", () => publishArticle({ actor: user, articleId: args.articleId }));
  redirect(`${articlePath(args)}?${query}#publication`);
}

/** Republishes the article's current state. */
export async function republishAction(team: string, articleId: string): Promise<void> {
  const args = ZArgs.parse({ team, articleId });
  const user = await requireCurrentUser(articlePath(args));
  const query = await outcome("republished", () =>
    republishArticle({ actor: user, articleId: args.articleId }),
  );
  redirect(`${articlePath(args)}?${query}#publication`);
}

/** Unpublishes the article. */
export async function unpublishAction(team: string, articleId: string): Promise<void> {
  const args = ZArgs.parse({ team, articleId });
  const user = await requireCurrentUser(articlePath(args));
  const query = await outcome("unpublished", () =>
    unpublishArticle({ actor: user, articleId: args.articleId }),
  );
  redirect(`${articlePath(args)}?${query}#publication`);
}
