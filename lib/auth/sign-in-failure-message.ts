import { AppError, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableError } from "../errors.ts";
import { getLogger } from "../observability/logger.ts";
import { signInErrorMessage, WRONG_CREDENTIALS_MESSAGE } from "./sign-in-errors.ts";

/**
 * The message a sign-in form shows for a failed password sign-in (never raw internals, never
 * the input). Unexpected errors are logged by name only: an error may quote what was typed.
 * @throws nothing
 */
export function signInFailureMessage(error: unknown): string {
  if (error instanceof AppError) {
    if (error.code === "rate_limited") return error.message;
    if (error.details?.reason === "credentials") return WRONG_CREDENTIALS_MESSAGE;
    if (error.details?.reason === "disabled") return signInErrorMessage("AccountDisabled")!;
  }
  if (isDatabaseUnavailableError(error)) return DATABASE_UNAVAILABLE_MESSAGE;
  getLogger().error(
    { detail: (error as Error)?.name ?? typeof error },
    "[auth] password sign-in failed unexpectedly:",
  );
  return signInErrorMessage("SignInFailed")!;
}
