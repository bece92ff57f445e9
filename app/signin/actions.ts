"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { type ActionResult, type FormActionState, runAction } from "@/lib/actions/run-action.ts";
import { createDeviceCookie, deviceCookieName } from "@/lib/auth/device-cookie.ts";
import { issueSessionCookie } from "@/lib/auth/issue-session-cookie.ts";
import { signInRequestInfo } from "@/lib/auth/options.ts";
import { safeCallbackPath } from "@/lib/auth/sign-in-errors.ts";
import { signInFailureMessage } from "@/lib/auth/sign-in-failure-message.ts";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password.ts";

/**
 * Password sign-in from the /signin form. A server action, so the form POSTs and works as a
 * plain HTML form before hydration or without JavaScript; on success it sets the session
 * cookie and redirects (303) to the callback path.
 */
export async function signInAction(_previous: FormActionState, form: FormData): Promise<ActionResult> {
  const email = String(form.get("email") ?? "").slice(0, 320);
  const password = String(form.get("password") ?? "").slice(0, 1000);
  const target = safeCallbackPath(String(form.get("callbackUrl") ?? ""));
  const request = signInRequestInfo(await headers());
  const jar = await cookies();
  const result = await runAction(
    async () => {
      const user = await signInWithPassword({
        email,
        password,
        ip: request.ip ?? "unknown",
        deviceCookie: jar.get(deviceCookieName())?.value,
      });
      const session = await issueSessionCookie(user, request);
      // A new device cookie on every success: this browser is now known for this account.
      const device = createDeviceCookie(user.email);
      jar.set(session.name, session.value, session.options);
      jar.set(device.name, device.value, device.options);
      return null;
    },
    { values: { email }, describe: (error) => ({ error: signInFailureMessage(error) }) },
  );
  if (!result.ok) return result;
  redirect(target);
}
