import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { RegisterForm } from "@/components/auth/register-form";
import { getCurrentUser } from "@/lib/auth/current-user.ts";
import { safeCallbackPath } from "@/lib/auth/sign-in-errors.ts";
import { registerAction } from "./actions";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const raw = Array.isArray(params.callbackUrl) ? params.callbackUrl[0] : params.callbackUrl;
  const callbackUrl = safeCallbackPath(raw);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <AuthShell
      title="Create an account"
      intro="Join Proofmark, then ask your team's admin for an invitation."
    >
      <RegisterForm callbackUrl={callbackUrl} registerAction={registerAction} />
    </AuthShell>
  );
}
