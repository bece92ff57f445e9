"use server";

import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { createArticle } from "@/lib/articles/create-article";
import { readPdfUpload } from "@/lib/articles/prepare-import";
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

/** Imports an article from the form: a link, pasted content, or an uploaded file (text, HTML, Markdown, PDF). */
export async function importArticleAction(
  team: string,
  _previous: ImportState,
  form: FormData,
): Promise<ImportState> {
  const user = await requireCurrentUser();
  let id: string;
  try {
    const file = form.get("file");
    const hasFile = file instanceof File && file.size > 0;
    const url = optional(form, "url");
    const metadata = {
      byline: optional(form, "byline"),
      sourceUrl: optional(form, "sourceUrl"),
      publishedAt: optional(form, "publishedAt"),
      language: optional(form, "language"),
    };
    let input: Record<string, unknown>;
    if (url) {
      input = { ...metadata, title: optional(form, "title"), format: "url", url };
    } else if (hasFile && /\.pdf$/i.test(file.name)) {
      input = {
        ...metadata,
        title: optional(form, "title"),
        format: "pdf",
        content: await readPdfUpload(file),
      };
    } else {
      const upload = hasFile ? await readImportFile(file) : null;
      input = {
        ...metadata,
        title: form.get("title") ?? "",
        format: upload?.format ?? form.get("format"),
        content: upload?.content ?? form.get("content") ?? "",
      };
    }
    const article = await createArticle({ actor: user, teamSlug: team, input });
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
