import { revalidatePath } from "next/cache";
import { actionErrorMessage } from "../teams/action-error-message.ts";

/**
 * A failed server action: a message for people (an expected error, the first invalid field, or
 * "try again" while the database is unreachable); for forms, optionally a message per field and
 * what was typed, to show again (never a password).
 */
export interface ActionFailure {
  ok: false;
  error: string;
  fieldErrors?: Partial<Record<string, string>>;
  values?: Record<string, string>;
}

/**
 * What every server action answers: its data, or an ActionFailure. A component shows the message
 * and frees its controls; it never has to catch.
 */
export type ActionResult<T = null> = { ok: true; data: T } | ActionFailure;

/** The state of a form bound to a server action with React's useActionState: null before its first answer. */
export type FormActionState<T = null> = ActionResult<T> | null;

/** A form's server action as useActionState takes it (bound arguments already applied). */
export type FormAction<T = null> = (previous: FormActionState<T>, form: FormData) => Promise<ActionResult<T>>;

/** A form's server action that reads no field (a button in a form of its own). */
export type ButtonAction<T = null> = (previous: FormActionState<T>) => Promise<ActionResult<T>>;

export interface RunActionOptions {
  /** What was typed, sent back with a failure so the form shows it again (never a password). */
  values?: Record<string, string>;
  /**
   * Describes a failure instead of actionErrorMessage: for forms that name fields, or that answer
   * every failure with a message (sign-in). Whatever it throws propagates.
   */
  describe?: (error: unknown) => Pick<ActionFailure, "error" | "fieldErrors">;
  /** The page to revalidate when the use case succeeded (Next's revalidatePath). */
  revalidate?: string;
}

/**
 * Runs a server action's use case and maps its expected failures to an ActionResult. Redirect
 * after it, never inside it (a `describe` that answers every error would swallow the redirect).
 * @throws the original error when it is not an expected one (including Next's redirect and
 *   notFound signals, which must propagate), unless `describe` answers it
 */
export async function runAction<T>(
  use: () => Promise<T>,
  { values, describe, revalidate }: RunActionOptions = {},
): Promise<ActionResult<T>> {
  let data: T;
  try {
    data = await use();
  } catch (error) {
    const failure = describe ? describe(error) : { error: actionErrorMessage(error) };
    return { ok: false, ...failure, ...(values ? { values } : {}) };
  }
  if (revalidate !== undefined) revalidatePath(revalidate);
  return { ok: true, data };
}
