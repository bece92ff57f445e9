"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { FormAction, RegisterFormState } from "@/lib/auth/auth-form-state.ts";
import { safeCallbackPath } from "@/lib/auth/sign-in-errors.ts";

const INITIAL: RegisterFormState = { message: null, fieldErrors: {}, values: { name: "", email: "" } };

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
  registerAction: FormAction<RegisterFormState>;
}) {
  const [state, formAction, pending] = useActionState(registerAction, INITIAL);
  const target = safeCallbackPath(callbackUrl);
  const { fieldErrors, values } = state;
  // Remount the fields when the server answers, so they show what was typed.
  const version = `${values.name}\u0000${values.email}`;

  return (
    <div className="space-y-5">
      {state.message && <Alert>{state.message}</Alert>}
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
