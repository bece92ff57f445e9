"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { setArticleArchived } from "@/lib/articles/archive-article";
import { deleteArticle } from "@/lib/articles/delete-article";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { ZUuid } from "@/lib/validation/articles";

export interface ManageState {
  error: string | null;
}

/** Archives or unarchives the article. */
export async function setArchivedAction(
  team: string,
  articleId: string,
  archived: boolean,
): Promise<ManageState> {
  const user = await requireCurrentUser();
  try {
    await setArticleArchived({ actor: user, articleId: ZUuid.parse(articleId), archived });
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  revalidatePath(`/t/${team}/articles/${articleId}`);
  return { error: null };
}

/** Deletes the article and returns to the team's list. */
export async function deleteArticleAction(team: string, articleId: string): Promise<ManageState> {
  const user = await requireCurrentUser();
  try {
    await deleteArticle({ actor: user, articleId: ZUuid.parse(articleId) });
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  redirect(`/t/${team}`);
}
