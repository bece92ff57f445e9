// Use cases refuse with an AppError (lib/errors.ts): tests that call them directly await the
// refusal and then check its code, status or details.
import { expect } from "vitest";
import { AppError } from "../../lib/errors.ts";

/** Awaits a promise that must reject with an AppError and returns that error (the test fails otherwise). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
