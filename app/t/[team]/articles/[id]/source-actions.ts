"use server";

import { revalidatePath } from "next/cache";
import { refreshArticleSource } from "@/lib/articles/refresh-article-source";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { ZUuid } from "@/lib/validation/articles";

export interface SourceRefreshState {
  message: string | null;
  error: string | null;
}

/** Re-checks the article's source (the "Check the source again" button). */
export async function refreshSourceAction(
  team: string,
  articleId: string,
  _previous: SourceRefreshState,
  _form: FormData,
): Promise<SourceRefreshState> {
  const user = await requireCurrentUser();
  try {
    const result = await refreshArticleSource({ actor: user, articleId: ZUuid.parse(articleId) });
    revalidatePath(`/t/${team}/articles/${articleId}`);
    if (!result.changed)
      return { message: "The source has not changed since it was last fetched.", error: null };
    const paragraphs =
      result.paragraphs.length === 1 ? "1 paragraph" : `${result.paragraphs.length} paragraphs`;
    const orphaned =
      result.orphaned.length === 0
        ? "no highlight was affected"
        : result.orphaned.length === 1
          ? "1 highlight no longer matches"
          : `${result.orphaned.length} highlights no longer match`;
    return { message: `The source changed: ${paragraphs} updated; ${orphaned}.`, error: null };
  } catch (error) {
    if (error instanceof AppError) return { message: null, error: error.message };
    throw error;
  }
}
