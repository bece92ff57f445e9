import type { ReactNode } from "react";

/**
 * The outcome of a settings form's last submission, as its redirect put it in the query: the
 * error as an alert, or what was saved as a status message (neither: nothing).
 */
export function FormOutcome({ error, saved }: { error: string | null; saved: ReactNode }) {
  return (
    <>
      {error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {error}
        </p>
      )}
      {saved && (
        <p
          role="status"
          className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900"
        >
          {saved}
        </p>
      )}
    </>
  );
}
