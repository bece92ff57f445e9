"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/run-action.ts";
import { safeCallbackPath } from "@/lib/auth/sign-in-errors.ts";

/**
 * Creates an account, signs it in and goes on to `callbackUrl`. The form posts to a server
 * action, so it works as a plain HTML form (POST) before hydration and without JavaScript.
 */
export function RegisterForm({
  callbackUrl,
  registerAction,
}: {
  callbackUrl: string;
  /** The page passes app/register/actions.ts's registerAction. */
  registerAction: FormAction;
}) {
  const [state, formAction, pending] = useActionState(registerAction, null);
  const target = safeCallbackPath(callbackUrl);
  const failure = state?.ok === false ? state : null;
  const fieldErrors = failure?.fieldErrors ?? {};
  const values = { name: failure?.values?.name ?? "", email: failure?.values?.email ?? "" };
  // Remount the fields when the server answers, so they show what was typed.
  const version = `${values.name}\u0000${values.email}`;

  return (
    <div className="space-y-5">
      {failure && <Alert>{failure.error}</Alert>}
      <form action={formAction} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={target} />
        <TextField
          key={`name-${version}`}
          label="Name"
          name="name"
          autoComplete="name"
          required
          maxLength={100}
          defaultValue={values.name}
          error={fieldErrors.name}
        />
        <TextField
          key={`email-${version}`}
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={values.email}
          error={fieldErrors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          hint="At least 10 characters."
          error={fieldErrors.password}
        />
        <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
          Create account
        </Button>
      </form>
      <p className="text-center text-sm text-gray-700">
        Already have an account?{" "}
        <Link
          href={target === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(target)}`}
          className="font-medium text-blue-800 underline underline-offset-2 hover:text-blue-900"
        >
          Sign in
        </Link>
      </p>
    </div>
  );
}
