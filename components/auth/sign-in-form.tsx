"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { FormAction, FormActionState } from "@/lib/actions/run-action.ts";
import { safeCallbackPath } from "@/lib/auth/sign-in-errors.ts";

/**
 * Email and password sign-in, plus a button per configured OAuth provider. The form posts to a
 * server action, so it works as a plain HTML form (POST, never the password in a URL) before
 * hydration and without JavaScript.
 */
export function SignInForm({
  callbackUrl,
  initialError,
  providers,
  signInAction,
}: {
  callbackUrl: string;
  /** The page passes app/signin/actions.ts's signInAction. */
  signInAction: FormAction;
  initialError: string | null;
  providers: Array<{ id: string; name: string }>;
}) {
  const [state, formAction, pending] = useActionState<FormActionState, FormData>(
    signInAction,
    initialError ? { ok: false, error: initialError } : null,
  );
  const target = safeCallbackPath(callbackUrl);
  const error = state?.ok === false ? state.error : null;
  const email = state?.ok === false ? (state.values?.email ?? "") : "";

  return (
    <div className="space-y-5">
      {error && <Alert>{error}</Alert>}
      <form action={formAction} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={target} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={email}
          key={`email-${email}`}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
          Sign in
        </Button>
      </form>
      {providers.length > 0 && (
        <div className="space-y-3">
          <div className="flex items-center gap-3 text-xs text-gray-600">
            <span className="h-px flex-1 bg-gray-200" />
            or
            <span className="h-px flex-1 bg-gray-200" />
          </div>
          {providers.map((provider) => (
            <Button
              key={provider.id}
              variant="secondary"
              className="w-full"
              disabled={pending}
              onClick={() => signIn(provider.id, { callbackUrl: target })}
            >
              Continue with {provider.name}
            </Button>
          ))}
        </div>
      )}
      <p className="text-center text-sm text-gray-700">
        New to Proofmark?{" "}
        <Link
          href={target === "/" ? "/register" : `/register?callbackUrl=${encodeURIComponent(target)}`}
          className="font-medium text-blue-800 underline underline-offset-2 hover:text-blue-900"
        >
          Create an account
        </Link>
      </p>
    </div>
  );
}
