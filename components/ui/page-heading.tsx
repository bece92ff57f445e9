import type { ReactNode } from "react";
import { Alert } from "./alert";

/** A page's title with the short explanation under it (`narrow`: the explanation keeps a reading width). */
export function PageHeading({
  title,
  narrow = false,
  children,
}: {
  title: ReactNode;
  narrow?: boolean;
  children: ReactNode;
}) {
  return (
    <div>
      <h1 className="text-2xl font-semibold text-gray-900">{title}</h1>
      <p className={narrow ? "mt-1 max-w-2xl text-sm text-gray-700" : "mt-1 text-sm text-gray-700"}>
        {children}
      </p>
    </div>
  );
}

/** What a page shows a member whose role does not allow it: its title and why, as an alert. */
export function PageNotAllowed({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-gray-900">{title}</h1>
      <Alert>{children}</Alert>
    </div>
  );
}
