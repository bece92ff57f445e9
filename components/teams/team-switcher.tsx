"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";

export interface TeamSwitcherTeam {
  slug: string;
  name: string;
  role: string;
}

/**
 * Shows the current team and opens a list of the user's teams (links to /t/<slug>) plus a
 * link to create or manage teams. A disclosure button and plain links: works with Tab,
 * Enter and Escape, and with screen readers, without a custom menu role.
 */
export function TeamSwitcher({ currentSlug, teams }: { currentSlug: string; teams: TeamSwitcherTeam[] }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const current = teams.find((team) => team.slug === currentSlug);

  useEffect(() => {
    if (!open) return;
    // Close when a click or the keyboard focus lands outside the switcher.
    const onOutside = (event: Event) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onOutside);
    document.addEventListener("focusin", onOutside);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onOutside);
      document.removeEventListener("focusin", onOutside);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
        className="inline-flex items-center gap-2 rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-900 hover:bg-gray-50"
      >
        <span className="sr-only">Team: </span>
        <span className="max-w-48 truncate">{current?.name ?? currentSlug}</span>
        <span aria-hidden="true" className="text-gray-600">
          ▾
        </span>
        <span className="sr-only">(switch team)</span>
      </button>
      <div
        id={listId}
        hidden={!open}
        className="absolute left-0 z-20 mt-1 w-72 rounded-md border border-gray-200 bg-white py-1 shadow-lg"
      >
        <p className="px-3 pt-1 pb-2 text-xs font-medium tracking-wide text-gray-600 uppercase">Your teams</p>
        <ul>
          {teams.map((team) => {
            const isCurrent = team.slug === currentSlug;
            return (
              <li key={team.slug}>
                <Link
                  href={`/t/${team.slug}`}
                  aria-current={isCurrent ? "page" : undefined}
                  onClick={() => setOpen(false)}
                  className={`flex items-center justify-between gap-3 px-3 py-2 text-sm hover:bg-gray-100 ${isCurrent ? "font-semibold text-gray-900" : "text-gray-800"}`}
                >
                  <span className="truncate">{team.name}</span>
                  <span className="shrink-0 text-xs text-gray-600">{team.role.toLowerCase()}</span>
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="mt-1 border-t border-gray-200 pt-1">
          <Link
            href="/teams"
            onClick={() => setOpen(false)}
            className="block px-3 py-2 text-sm text-blue-800 hover:bg-gray-100"
          >
            All teams / create a team
          </Link>
        </div>
      </div>
    </div>
  );
}
