"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { ZodError } from "zod";
import {
  type ActionFailure,
  type ActionResult,
  type FormActionState,
  runAction,
} from "@/lib/actions/run-action.ts";
import { createDeviceCookie } from "@/lib/auth/device-cookie.ts";
import { issueSessionCookie } from "@/lib/auth/issue-session-cookie.ts";
import { signInRequestInfo } from "@/lib/auth/options.ts";
import { registerUser } from "@/lib/auth/register-user.ts";
import { safeCallbackPath } from "@/lib/auth/sign-in-errors.ts";
import { AppError, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableError } from "@/lib/errors.ts";
import { getLogger } from "@/lib/observability/logger";

type Field = "email" | "name" | "password";

function fieldErrorsOf(error: ZodError): Partial<Record<Field, string>> {
  const fieldErrors: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if ((field === "email" || field === "name" || field === "password") && !fieldErrors[field]) {
      fieldErrors[field] = issue.message;
    }
  }
  return fieldErrors;
}

/** What the form says when registering failed: by field where it can (never what was typed). */
function registerFailure(error: unknown): Pick<ActionFailure, "error" | "fieldErrors"> {
  if (error instanceof ZodError) {
    return { error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(error) };
  }
  if (error instanceof AppError && error.code === "conflict") {
    return { error: error.message, fieldErrors: { email: "This email is already registered." } };
  }
  if (isDatabaseUnavailableError(error)) return { error: DATABASE_UNAVAILABLE_MESSAGE };
  // By name only: an error may quote what was typed.
  getLogger().error({ detail: (error as Error)?.name ?? typeof error }, "[register] unexpected error:");
  return { error: "Something went wrong on our side. Please try again." };
}

/**
 * Creates an account from the /register form and signs it in. A server action, so the form
 * POSTs and works as a plain HTML form without JavaScript; on success it sets the session
 * cookie and redirects (303) to the callback path.
 */
export async function registerAction(_previous: FormActionState, form: FormData): Promise<ActionResult> {
  const values = {
    name: String(form.get("name") ?? "").slice(0, 200),
    email: String(form.get("email") ?? "").slice(0, 320),
  };
  const password = String(form.get("password") ?? "").slice(0, 1000);
  const target = safeCallbackPath(String(form.get("callbackUrl") ?? ""));
  const request = signInRequestInfo(await headers());
  const result = await runAction(
    async () => {
      const user = await registerUser({ ...values, password });
      const session = await issueSessionCookie(user, request);
      const device = createDeviceCookie(user.email);
      const jar = await cookies();
      jar.set(session.name, session.value, session.options);
      jar.set(device.name, device.value, device.options);
      return null;
    },
    { values, describe: registerFailure },
  );
  if (!result.ok) return result;
  redirect(target);
}
