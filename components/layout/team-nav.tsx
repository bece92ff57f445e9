"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The team's section links, marking the current one for screen readers and the eye. */
export function TeamNav({
  links,
  label = "Team",
}: {
  links: { href: string; label: string }[];
  /** The navigation landmark's name ("Team" for the header, "Settings" for the settings tabs). */
  label?: string;
}) {
  const pathname = usePathname();
  const current = [...links]
    .sort((a, b) => b.href.length - a.href.length)
    .find((link) => pathname.startsWith(link.href));
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-0.5">
        {links.map((link) => {
          const active = current?.href === link.href;
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm font-medium ${active ? "bg-gray-900 text-white" : "text-gray-800 hover:bg-gray-100"}`}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
