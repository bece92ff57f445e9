"use server";

import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { createArticle } from "@/lib/articles/create-article";
import { readImportFile } from "@/lib/articles/read-import-file";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";

export interface ImportState {
  error: string | null;
}

function optional(form: FormData, key: string): string | undefined {
  const value = form.get(key);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** Imports an article from the form: pasted content or an uploaded file. */
export async function importArticleAction(
  team: string,
  _previous: ImportState,
  form: FormData,
): Promise<ImportState> {
  const user = await requireCurrentUser();
  let id: string;
  try {
    const file = form.get("file");
    const upload = file instanceof File && file.size > 0 ? await readImportFile(file) : null;
    const article = await createArticle({
      actor: user,
      teamSlug: team,
      input: {
        title: form.get("title") ?? "",
        byline: optional(form, "byline"),
        sourceUrl: optional(form, "sourceUrl"),
        publishedAt: optional(form, "publishedAt"),
        language: optional(form, "language"),
        format: upload?.format ?? form.get("format"),
        content: upload?.content ?? form.get("content") ?? "",
      },
    });
    id = article.id;
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      return { error: `${issue?.path.join(".") || "input"}: ${issue?.message ?? "is invalid"}` };
    }
    throw error;
  }
  redirect(`/t/${team}/articles/${id}`);
}
