"use client";

import { useState } from "react";
import { LocalTime } from "@/components/ui/local-time";
import type { SnapshotSummaryJson } from "@/lib/evidence/snapshots/snapshot-json";

/** Where Proofmark's copy of a cited page is shown: `/t/<team>/evidence/<id>/snapshot`. */
export function snapshotPageHref(team: string, evidenceId: string): string {
  return `/t/${encodeURIComponent(team)}/evidence/${encodeURIComponent(evidenceId)}/snapshot`;
}

/** The flags of a source's last link check ("gone", "changed"), for panels and the sources view. */
export function LinkHealthFlags({ snapshot }: { snapshot: SnapshotSummaryJson | null }) {
  const check = snapshot?.lastCheck;
  if (!check) return null;
  return (
    <>
      {check.status === "gone" && (
        <span className="rounded bg-red-100 px-1 font-semibold text-red-900">
          gone{check.httpStatus ? ` (${check.httpStatus})` : ""}
        </span>
      )}
      {check.status === "error" && (
        <span
          className="rounded bg-amber-100 px-1 font-semibold text-amber-900"
          title={check.reason ?? undefined}
        >
          unreachable
        </span>
      )}
      {check.status === "redirected" && (
        <span className="rounded bg-gray-100 px-1 text-gray-800">redirected</span>
      )}
      {check.changed && (
        <span className="rounded bg-amber-100 px-1 font-semibold text-amber-900">changed</span>
      )}
    </>
  );
}

/**
 * The archiving state of an external evidence item (archiving / archived on date with a link to
 * Proofmark's copy / failed with the reason), its link-health flags, and "Check now" for those
 * who may ask for a check.
 */
export function SnapshotStatus({
  snapshot,
  href,
  onCheck,
}: {
  snapshot: SnapshotSummaryJson | null;
  /** The snapshot page of this item. */
  href: string;
  /** Asks for a link check; resolves to an error message, or null when it was asked for. */
  onCheck?: () => Promise<string | null>;
}) {
  const [asked, setAsked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ask = async (check: () => Promise<string | null>) => {
    setError(null);
    const failure = await check();
    if (failure) setError(failure);
    else setAsked(true);
  };
  if (!snapshot) {
    // Cited before archiving existed: asking for a check archives it first.
    if (!onCheck) return null;
    return (
      <p className="text-xs text-gray-700">
        {asked ? (
          "Archiving a copy…"
        ) : (
          <button
            type="button"
            className="rounded px-1 font-medium text-blue-800 underline hover:bg-blue-50"
            onClick={() => void ask(onCheck)}
          >
            Archive a copy<span className="sr-only"> of this source</span>
          </button>
        )}
        {error && (
          <span role="alert" className="ml-1 text-red-700">
            {error}
          </span>
        )}
      </p>
    );
  }
  return (
    <p
      className="flex flex-wrap items-center gap-1 text-xs text-gray-700"
      data-snapshot-state={snapshot.state}
    >
      {snapshot.state === "archiving" && <span>Archiving a copy…</span>}
      {snapshot.state === "archived" && snapshot.fetchedAt && (
        <span>
          <a href={href} className="text-blue-800 underline">
            Archived copy
          </a>{" "}
          of <LocalTime value={snapshot.fetchedAt} />
        </span>
      )}
      {snapshot.publicArchiveUrl && (
        <a
          href={snapshot.publicArchiveUrl}
          target="_blank"
          rel="noopener noreferrer nofollow"
          referrerPolicy="no-referrer"
          className="text-blue-800 underline"
        >
          Wayback copy
        </a>
      )}
      {snapshot.state === "failed" && (
        <span className="text-red-800">Archiving failed: {snapshot.failureReason ?? "unknown reason"}</span>
      )}
      <LinkHealthFlags snapshot={snapshot} />
      {onCheck &&
        (snapshot.checkPending || asked ? (
          <span>· check pending</span>
        ) : (
          <button
            type="button"
            className="rounded px-1 font-medium text-blue-800 underline hover:bg-blue-50"
            onClick={() => void ask(onCheck)}
          >
            Check now<span className="sr-only"> whether this source changed</span>
          </button>
        ))}
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </p>
  );
}
