"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type FormActionState, runAction } from "@/lib/actions/run-action";
import { refreshArticleSource, type SourceRefreshResult } from "@/lib/articles/refresh-article-source";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { ZUuid } from "@/lib/validation/articles";

/** What the re-check found, in one sentence. */
function describeRefresh(result: SourceRefreshResult): string {
  if (!result.changed) return "The source has not changed since it was last fetched.";
  const paragraphs =
    result.paragraphs.length === 1 ? "1 paragraph" : `${result.paragraphs.length} paragraphs`;
  const orphaned =
    result.orphaned.length === 0
      ? "no highlight was affected"
      : result.orphaned.length === 1
        ? "1 highlight no longer matches"
        : `${result.orphaned.length} highlights no longer match`;
  return `The source changed: ${paragraphs} updated; ${orphaned}.`;
}

/** Re-checks the article's source (the "Check the source again" button); answers what it found. */
export async function refreshSourceAction(
  team: string,
  articleId: string,
  _previous: FormActionState<string>,
  _form: FormData,
): Promise<ActionResult<string>> {
  const user = await requireCurrentUser();
  const result = await runAction(() =>
    refreshArticleSource({ actor: user, articleId: ZUuid.parse(articleId) }),
  );
  if (!result.ok) return result;
  revalidatePath(`/t/${team}/articles/${articleId}`);
  return { ok: true, data: describeRefresh(result.data) };
}
