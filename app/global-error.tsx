"use client";

import "./globals.css";
import { ErrorShell } from "@/components/errors/error-shell";
import { FailureNotice } from "@/components/errors/failure-notice";

// The root layout itself failed: this replaces it, so it brings its own <html> and <body>.
export default function GlobalError({ error }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <head>
        <title>Error · Proofmark</title>
      </head>
      <body className="min-h-screen font-sans antialiased">
        <ErrorShell status="Error" title="Proofmark could not be shown">
          <FailureNotice digest={error.digest} onRetry={() => window.location.reload()} />
        </ErrorShell>
      </body>
    </html>
  );
}
