import type { Metadata } from "next";
import Link from "next/link";
import { AuthShell } from "@/components/auth/auth-shell";
import { AcceptInviteForm } from "@/components/teams/accept-invite-form";
import { Alert } from "@/components/ui/alert";
import { getCurrentUser } from "@/lib/auth/current-user.ts";
import { AppError } from "@/lib/errors.ts";
import { getInvitePreview, type InvitePreview } from "@/lib/teams/find-invite-by-secret.ts";
import { acceptInviteAction } from "./actions.ts";

// same-origin: the secret URL never goes to another site, and the Accept form still sends its
// Origin (a no-referrer page POSTs with `Origin: null`, which Next refuses for server actions).
export const metadata: Metadata = { title: "Invitation", referrer: "same-origin" };
export const dynamic = "force-dynamic";

const ARTICLE: Record<string, string> = { admin: "an", annotator: "an" };

export default async function InvitePage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  let preview: InvitePreview;
  try {
    preview = await getInvitePreview({ secret });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "not_found") throw error;
    return (
      <AuthShell title="This invite cannot be used" intro="Ask an admin of the team for a new link.">
        <Alert>{error.message}</Alert>
        <p className="mt-4 text-center text-sm">
          <Link href="/" className="text-blue-800 underline">
            Go to Proofmark
          </Link>
        </p>
      </AuthShell>
    );
  }

  const user = await getCurrentUser();
  const back = encodeURIComponent(`/invite/${secret}`);
  const role = `${ARTICLE[preview.role] ?? "a"} ${preview.role}`;
  return (
    <AuthShell
      title={`Join ${preview.team.name}`}
      intro={`You are invited to join ${preview.team.name} as ${role}.`}
    >
      <div className="space-y-4 text-sm text-gray-800">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-medium text-gray-900">Team</dt>
          <dd>{preview.team.name}</dd>
          <dt className="font-medium text-gray-900">Role</dt>
          <dd>{preview.role}</dd>
          {preview.email && (
            <>
              <dt className="font-medium text-gray-900">For</dt>
              <dd>{preview.email}</dd>
            </>
          )}
        </dl>
        {user ? (
          <>
            <p>
              Signed in as <span className="font-medium">{user.email}</span>.
            </p>
            <AcceptInviteForm action={acceptInviteAction.bind(null, secret)} teamName={preview.team.name} />
          </>
        ) : (
          <div className="space-y-2">
            <Link
              href={`/signin?callbackUrl=${back}`}
              className="block w-full rounded-md bg-blue-700 px-3.5 py-2 text-center text-sm font-medium text-white hover:bg-blue-800"
            >
              Sign in to accept
            </Link>
            <p className="text-center">
              New to Proofmark?{" "}
              <Link href={`/register?callbackUrl=${back}`} className="text-blue-800 underline">
                Create an account
              </Link>
            </p>
          </div>
        )}
      </div>
    </AuthShell>
  );
}
