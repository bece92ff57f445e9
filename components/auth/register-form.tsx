"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { safeCallbackPath, signInErrorMessage } from "@/lib/auth/sign-in-errors.ts";

type FieldErrors = Partial<Record<"email" | "name" | "password", string>>;

export type RegisterResult =
  | { ok: true }
  | { ok: false; message: string; fieldErrors?: Partial<Record<"email" | "name" | "password", string>> };

/**
 * Creates an account through `registerAccount` (the page passes app/register/actions.ts), then
 * signs in with it and goes on to `callbackUrl`.
 */
export function RegisterForm({
  callbackUrl,
  registerAccount,
}: {
  callbackUrl: string;
  registerAccount: (input: unknown) => Promise<RegisterResult>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const target = safeCallbackPath(callbackUrl);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const result = await registerAccount(input);
      if (!result.ok) {
        setError(result.message);
        setFieldErrors(result.fieldErrors ?? {});
        setPending(false);
        return;
      }
      const signedIn = await signIn("credentials", {
        email: input.email,
        password: input.password,
        callbackUrl: target,
        redirect: false,
      });
      if (signedIn?.ok && !signedIn.error) {
        window.location.assign(target);
        return;
      }
      setError(
        `Your account was created, but signing in did not work: ${signInErrorMessage(signedIn?.error ?? "SignInFailed")}`,
      );
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <div className="space-y-5">
      {error && <Alert>{error}</Alert>}
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          required
          maxLength={100}
          error={fieldErrors.name}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
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
