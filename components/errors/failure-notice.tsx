"use client";

import { useEffect, useState } from "react";

/**
 * The body of the error pages: asks the health endpoint whether the database is the cause, so
 * that an outage says "unavailable, try again shortly" rather than a generic failure.
 */
export function FailureNotice({ digest, onRetry }: { digest?: string; onRetry: () => void }) {
  const [databaseDown, setDatabaseDown] = useState(false);
  useEffect(() => {
    fetch("/api/v1/health", { cache: "no-store" })
      .then((response) => setDatabaseDown(response.status === 503))
      .catch(() => {});
  }, []);
  return (
    <>
      <p role="status">
        {databaseDown
          ? "The database is not available at the moment. Nothing you saved is lost; please try again in a few seconds."
          : "Something went wrong on our side. Please try again; if it keeps happening, tell your admin."}
      </p>
      <p>
        <button
          type="button"
          onClick={onRetry}
          className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        >
          Try again
        </button>
      </p>
      {digest ? <p className="text-xs text-gray-600">Reference: {digest}</p> : null}
    </>
  );
}
