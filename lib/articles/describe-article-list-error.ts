import { ZodError } from "zod";
import type { AppError } from "../errors.ts";

const FIELD_MESSAGES: Record<string, string> = {
  q: "Shorten the search to at most 200 characters.",
  importedBy: "Choose who imported the articles from the list.",
  from: "Enter the first import date as a date, for example 2026-11-30.",
  to: "Enter the last import date as a date, for example 2026-11-30.",
  sort: "Choose an order from the list.",
  archived: "Choose whether to show archived articles from the list.",
  cursor: "This page link no longer works; start again from the first page.",
};

/**
 * Words a refused article-list query (ZListArticlesQuery's issue, or the use case's own
 * invalid_input) for the article page, naming the filter as the page does.
 */
export function describeArticleListError(error: ZodError | AppError): string {
  if (error instanceof ZodError) {
    const field = String(error.issues[0]?.path[0] ?? "");
    return FIELD_MESSAGES[field] ?? "These filters cannot be applied; clear them and try again.";
  }
  if (error.message.startsWith("sort: relevance")) return "Sorting by best match needs search words.";
  if (error.message.startsWith("cursor:")) return FIELD_MESSAGES.cursor!;
  return error.message;
}
