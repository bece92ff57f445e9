import { actionErrorMessage } from "../teams/action-error-message.ts";

/**
 * What every server action answers: its data, or a message for people (an expected error, the
 * first invalid field, or "try again" while the database is unreachable). A component shows the
 * message and frees its controls; it never has to catch.
 */
export type ActionResult<T = null> = { ok: true; data: T } | { ok: false; error: string };

/**
 * Runs a server action's use case and maps its expected failures to an ActionResult.
 * @throws the original error when it is not an expected one (including Next's redirect and
 *   notFound signals, which must propagate)
 */
export async function runAction<T>(use: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await use() };
  } catch (error) {
    return { ok: false, error: actionErrorMessage(error) };
  }
}
