"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { fetchRound } from "@/lib/client/api-client";
import { latestRoundProgress } from "@/lib/rounds/live-round-progress-entry";
import type { RoundAssignmentJson, RoundJson } from "@/lib/rounds/round-json";
import { useLiveRoundProgress } from "./live-round-progress-context";

/** Only while the live document is not connected: then the server pushes every change. */
const FALLBACK_REFRESH_MS = 30_000;

/**
 * Keeps the round as last read over HTTP, and reads it again every FALLBACK_REFRESH_MS only while
 * `live` is false (at once when live was lost: the entries held may be stale by then).
 */
function useFallbackRound(roundId: string, initial: RoundJson, live: boolean): RoundJson {
  const [round, setRound] = useState(initial);
  const wasLive = useRef(false);
  useEffect(() => {
    if (live) {
      wasLive.current = true;
      return;
    }
    let stopped = false;
    const refresh = async () => {
      try {
        const next = await fetchRound(roundId);
        if (!stopped) setRound(next);
      } catch {
        // Offline for a moment: the next refresh, or the live document, catches up.
      }
    };
    if (wasLive.current) void refresh();
    const timer = setInterval(refresh, FALLBACK_REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [roundId, live]);
  return round;
}

/**
 * Each annotator's progress in an open round, for moderators (the server-rendered table stands
 * without JavaScript). Live: the server writes every change into the moderators' live annotations
 * document (its `roundProgress` map, lib/rounds/live-round-progress.ts), read here from the page's
 * open connection; `GET /api/v1/rounds/{id}` is polled slowly only while that is not connected.
 */
export function RoundProgress({ roundId, initial }: { roundId: string; initial: RoundJson }) {
  const liveProgress = useLiveRoundProgress();
  const live = liveProgress?.live === true;
  const round = useFallbackRound(roundId, initial, live);
  const entries = liveProgress?.entries;
  const latest = useMemo(
    () => (live && entries ? latestRoundProgress(entries.entries(), roundId) : null),
    [live, entries, roundId],
  );
  const rows: RoundAssignmentJson[] = round.assignments.map(
    (assignment) => latest?.get(assignment.annotator.id) ?? assignment,
  );
  return (
    <table className="w-full text-left" data-testid="round-progress" data-live={live ? "true" : "false"}>
      <caption className="sr-only">Progress of each annotator</caption>
      <thead>
        <tr>
          <th scope="col" className="py-1 pr-2 font-medium">
            Annotator
          </th>
          <th scope="col" className="py-1 pr-2 font-medium">
            Highlights
          </th>
          <th scope="col" className="py-1 font-medium">
            Submitted
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((assignment) => (
          <tr key={assignment.annotator.id} className="border-t border-gray-100">
            <td className="py-1 pr-2">{assignment.annotator.name}</td>
            <td className="py-1 pr-2">{assignment.annotations}</td>
            <td className="py-1">{assignment.submittedAt ? "Yes" : "Not yet"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
