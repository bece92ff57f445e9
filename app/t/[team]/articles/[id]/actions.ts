"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ZodError } from "zod";
import type { AnnotationJson } from "@/lib/annotations/annotation-json";
import { createAnnotation } from "@/lib/annotations/create-annotation";
import { deleteAnnotation } from "@/lib/annotations/delete-annotation";
import { updateAnnotation } from "@/lib/annotations/update-annotation";
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

export type AnnotationActionResult = { ok: true; annotation: AnnotationJson } | { ok: false; error: string };

async function annotationAction(run: () => Promise<AnnotationJson>): Promise<AnnotationActionResult> {
  try {
    return { ok: true, annotation: await run() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    if (error instanceof ZodError) return { ok: false, error: error.issues[0]?.message ?? "Invalid input" };
    throw error;
  }
}

/** Tags a span of the article's plain text; the highlight reaches everyone through the live state. */
export async function createAnnotationAction(
  articleId: string,
  input: unknown,
): Promise<AnnotationActionResult> {
  const actor = await requireCurrentUser();
  return annotationAction(() => createAnnotation({ actor, articleId: ZUuid.parse(articleId), input }));
}

/** Changes the label or note of one's own annotation (optimistic concurrency through `version`). */
export async function updateAnnotationAction(
  annotationId: string,
  input: unknown,
): Promise<AnnotationActionResult> {
  const actor = await requireCurrentUser();
  return annotationAction(() => updateAnnotation({ actor, annotationId: ZUuid.parse(annotationId), input }));
}

/** Deletes one's own annotation. */
export async function deleteAnnotationAction(
  annotationId: string,
  version: number,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const actor = await requireCurrentUser();
  try {
    await deleteAnnotation({ actor, annotationId: ZUuid.parse(annotationId), input: { version } });
    return { ok: true };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    if (error instanceof ZodError) return { ok: false, error: error.issues[0]?.message ?? "Invalid input" };
    throw error;
  }
}
