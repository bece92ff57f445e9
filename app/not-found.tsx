import type { Metadata } from "next";
import Link from "next/link";
import { ErrorShell } from "@/components/errors/error-shell";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <ErrorShell status="404" title="This page is not here">
      <p>The address may be mistyped, or the page belongs to a team you are not a member of.</p>
      <p>
        <Link href="/" className="font-medium text-blue-800 underline">
          Go to your teams
        </Link>
      </p>
    </ErrorShell>
  );
}
