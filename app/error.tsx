"use client";

import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { ErrorShell } from "@/components/errors/error-shell";
import { FailureNotice } from "@/components/errors/failure-notice";

// A page failed to render (a database outage, a bug): Proofmark's own page with a retry.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  return (
    <ErrorShell status="Error" title="This page could not be shown">
      <FailureNotice
        digest={error.digest}
        onRetry={() =>
          startTransition(() => {
            router.refresh();
            reset();
          })
        }
      />
    </ErrorShell>
  );
}
