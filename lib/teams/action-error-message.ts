import { ZodError } from "zod";
import { AppError, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableError } from "../errors.ts";

/**
 * The message a form shows for a failed server action: an expected AppError's message, the
 * first zod issue, or "try again" when the database cannot be reached. Anything else
 * (including Next's redirect/notFound signals) is rethrown.
 * @throws the original error when it is not an expected one
 */
export function actionErrorMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (isDatabaseUnavailableError(error)) return DATABASE_UNAVAILABLE_MESSAGE;
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return `${field}${issue?.message ?? "Invalid input"}`;
  }
  throw error;
}
