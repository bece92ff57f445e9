"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { safeCallbackPath, signInErrorMessage } from "@/lib/auth/sign-in-errors.ts";

/** Email and password sign-in, plus a button per configured OAuth provider. */
export function SignInForm({
  callbackUrl,
  initialError,
  providers,
}: {
  callbackUrl: string;
  initialError: string | null;
  providers: Array<{ id: string; name: string }>;
}) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const target = safeCallbackPath(callbackUrl);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        callbackUrl: target,
        redirect: false,
      });
      if (result?.ok && !result.error) {
        window.location.assign(target);
        return;
      }
      setError(signInErrorMessage(result?.error ?? "SignInFailed"));
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <div className="space-y-5">
      {error && <Alert>{error}</Alert>}
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus />
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
