import type { ReactNode } from "react";
import { isSafeHttpUrl } from "@/lib/urls/normalise-url";

/**
 * A link to a source outside Proofmark: only http(s) URLs that pass lib/urls/normalise-url.ts
 * become links, opened in a new tab without referrer or opener and marked nofollow. Anything
 * else is shown as text.
 */
export function ExternalLink({
  href,
  children,
  className = "",
}: {
  href: string | null;
  children: ReactNode;
  className?: string;
}) {
  if (!isSafeHttpUrl(href)) return <span className={className}>{children}</span>;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer nofollow"
      referrerPolicy="no-referrer"
      className={`text-blue-800 underline break-words ${className}`}
    >
      {children}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}

/** The host of a URL for display (punycode as stored, so look-alike hosts stay visible). */
export function displayHost(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
