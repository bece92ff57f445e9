import type { ReactNode } from "react";

/**
 * A titled panel of the article page (the public page, the blind round): a labelled section with
 * the outcome of the last action as a status line and its error as an alert.
 */
export function PagePanel({
  id,
  title,
  message,
  error,
  children,
}: {
  id: string;
  title: string;
  message?: string | null;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className="mt-4 rounded-md border border-gray-200 bg-white p-3 text-sm"
    >
      <h2 id={`${id}-title`} className="font-semibold text-gray-900">
        {title}
      </h2>
      {message && (
        <p role="status" className="mt-1 text-green-900">
          {message}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-1 text-red-800">
          {error}
        </p>
      )}
      {children}
    </section>
  );
}
