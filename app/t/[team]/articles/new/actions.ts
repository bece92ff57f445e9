"use server";

import { redirect } from "next/navigation";
import { createArticle } from "@/lib/articles/create-article";
import { checkImportInput, readImportFormValues, toCreateArticleInput } from "@/lib/articles/import-form";
import type { ImportFieldErrors, ImportState } from "@/lib/articles/import-form-state";
import { readPdfUpload } from "@/lib/articles/prepare-import";
import { readImportFile } from "@/lib/articles/read-import-file";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";

/** Imports an article from the form: a link, pasted content, or an uploaded file (text, HTML, Markdown, PDF). */
export async function importArticleAction(
  team: string,
  previous: ImportState,
  form: FormData,
): Promise<ImportState> {
  const user = await requireCurrentUser();
  let values = readImportFormValues(form);
  const fieldErrors: ImportFieldErrors = {};
  const file = form.get("file");
  let pdf: { format: "pdf"; content: string } | null = null;
  let uploadedName: string | null = null;
  if (file instanceof File && file.size > 0 && /\.pdf$/i.test(file.name)) {
    try {
      pdf = { format: "pdf", content: await readPdfUpload(file) };
      uploadedName = file.name;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      fieldErrors.file = `“${file.name}” cannot be imported. ${error.message}.`;
    }
  } else if (file instanceof File && file.size > 0) {
    try {
      const upload = await readImportFile(file);
      uploadedName = file.name;
      // Should another field be wrong, the file's text comes back in the paste box: a file
      // input cannot be refilled, and the text must not be lost.
      values = { ...values, format: upload.format, content: upload.content };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      fieldErrors.file = `“${file.name}” cannot be imported. ${error.message}.`;
    }
  }
  const answer = (errors: ImportFieldErrors, error: string | null = null): ImportState => ({
    error,
    fieldErrors: errors,
    values,
    uploadedName,
    attempt: (previous?.attempt ?? 0) + 1,
  });

  const input = toCreateArticleInput(values, pdf);
  Object.assign(fieldErrors, checkImportInput(input), fieldErrors);
  if (Object.keys(fieldErrors).length > 0) return answer(fieldErrors);

  let id: string;
  try {
    const article = await createArticle({ actor: user, teamSlug: team, input });
    id = article.id;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The importer's refusals are about the body: empty, unreadable or too large.
    // A link or a PDF that could not be read is said as a whole (not_an_article, pdf_no_text, fetch_*).
    if (values.url.trim() === "" && (error.code === "invalid_input" || error.code === "too_large")) {
      const where = uploadedName ? "file" : "content";
      const message =
        error.code === "too_large"
          ? "The article is too long to import: the limit is 2 MB."
          : uploadedName
            ? `“${uploadedName}” has no article text in it.`
            : "Paste the article’s text or upload a file.";
      return answer({ [where]: message });
    }
    return answer({}, error.message);
  }
  redirect(`/t/${team}/articles/${id}`);
}
