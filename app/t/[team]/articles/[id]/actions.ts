"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type ActionResult, runAction } from "@/lib/actions/run-action";
import type { AnnotationJson } from "@/lib/annotations/annotation-json";
import { createAnnotation } from "@/lib/annotations/create-annotation";
import { deleteAnnotation } from "@/lib/annotations/delete-annotation";
import { updateAnnotation } from "@/lib/annotations/update-annotation";
import { setArticleArchived } from "@/lib/articles/archive-article";
import { deleteArticle } from "@/lib/articles/delete-article";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { ZUuid } from "@/lib/validation/articles";

/** Archives or unarchives the article. */
export async function setArchivedAction(
  team: string,
  articleId: string,
  archived: boolean,
): Promise<ActionResult> {
  const user = await requireCurrentUser();
  const result = await runAction(async () => {
    await setArticleArchived({ actor: user, articleId: ZUuid.parse(articleId), archived });
    return null;
  });
  if (result.ok) revalidatePath(`/t/${team}/articles/${articleId}`);
  return result;
}

/** Deletes the article and returns to the team's list. */
export async function deleteArticleAction(team: string, articleId: string): Promise<ActionResult> {
  const user = await requireCurrentUser();
  const result = await runAction(async () => {
    await deleteArticle({ actor: user, articleId: ZUuid.parse(articleId) });
    return null;
  });
  if (result.ok) redirect(`/t/${team}`);
  return result;
}

/** Tags a span of the article's plain text; the highlight reaches everyone through the live state. */
export async function createAnnotationAction(
  articleId: string,
  input: unknown,
): Promise<ActionResult<AnnotationJson>> {
  const actor = await requireCurrentUser();
  return runAction(() => createAnnotation({ actor, articleId: ZUuid.parse(articleId), input }));
}

/** Changes the label or note of one's own annotation (optimistic concurrency through `version`). */
export async function updateAnnotationAction(
  annotationId: string,
  input: unknown,
): Promise<ActionResult<AnnotationJson>> {
  const actor = await requireCurrentUser();
  return runAction(() => updateAnnotation({ actor, annotationId: ZUuid.parse(annotationId), input }));
}

/** Deletes one's own annotation. */
export async function deleteAnnotationAction(annotationId: string, version: number): Promise<ActionResult> {
  const actor = await requireCurrentUser();
  return runAction(async () => {
    await deleteAnnotation({ actor, annotationId: ZUuid.parse(annotationId), input: { version } });
    return null;
  });
}
