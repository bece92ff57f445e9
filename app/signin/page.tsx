import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/auth/current-user.ts";
import { configuredOAuthProviders } from "@/lib/auth/oauth-providers.ts";
import { safeCallbackPath, signInErrorMessage } from "@/lib/auth/sign-in-errors.ts";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <AuthShell title="Sign in" intro="Sign in to annotate and review with your newsroom.">
      <SignInForm
        callbackUrl={callbackUrl}
        initialError={signInErrorMessage(first(params.error))}
        providers={configuredOAuthProviders()}
        signInAction={signInAction}
      />
    </AuthShell>
  );
}
