import type { ReactNode } from "react";

/** The frame of Proofmark's error pages (not found, something went wrong, unavailable). */
export function ErrorShell({
  status,
  title,
  children,
}: {
  status: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md space-y-4 text-center">
        <p className="font-serif text-2xl font-semibold tracking-tight text-gray-900">
          <a href="/" className="hover:underline">
            Proofmark
          </a>
        </p>
        <p className="text-sm font-medium text-gray-700">{status}</p>
        <h1 className="text-xl font-semibold text-gray-900">{title}</h1>
        <div className="space-y-4 text-sm text-gray-700">{children}</div>
      </div>
    </main>
  );
}
