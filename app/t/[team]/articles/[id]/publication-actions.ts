"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { publishArticle, republishArticle, unpublishArticle } from "@/lib/publications/publish-article";
import { actionErrorMessage } from "@/lib/teams/action-error-message";

// Bound arguments come back from the browser, so they are checked like any other input.
const ZArgs = z.object({ team: z.string().min(1).max(100), articleId: z.uuid() });

function articlePath(args: { team: string; articleId: string }): string {
  return `/t/${encodeURIComponent(args.team)}/articles/${args.articleId}`;
}

async function outcome(done: string, work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return `publication=${done}`;
  } catch (error) {
    return `publicationError=${encodeURIComponent(actionErrorMessage(error))}`;
  }
}

/** Publishes the article (plain form; the page shows the outcome). */
export async function publishAction(team: string, articleId: string): Promise<void> {
  const args = ZArgs.parse({ team, articleId });
  const user = await requireCurrentUser(articlePath(args));
  const query = await outcome("published", publishArticle({ actor: user, articleId: args.articleId }));
  redirect(`${articlePath(args)}?${query}#publication`);
}

/** Republishes the article's current state. */
export async function republishAction(team: string, articleId: string): Promise<void> {
  const args = ZArgs.parse({ team, articleId });
  const user = await requireCurrentUser(articlePath(args));
  const query = await outcome("republished", republishArticle({ actor: user, articleId: args.articleId }));
  redirect(`${articlePath(args)}?${query}#publication`);
}

/** Unpublishes the article. */
export async function unpublishAction(team: string, articleId: string): Promise<void> {
  const args = ZArgs.parse({ team, articleId });
  const user = await requireCurrentUser(articlePath(args));
  const query = await outcome("unpublished", unpublishArticle({ actor: user, articleId: args.articleId }));
  redirect(`${articlePath(args)}?${query}#publication`);
}
