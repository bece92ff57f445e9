"use client";

import { useEffect, useState } from "react";
import type { RoundJson } from "@/lib/rounds/round-json";

const REFRESH_MS = 5000;

/**
 * Each annotator's progress in an open round, for moderators, refreshed every few seconds from
 * `GET /api/v1/rounds/{id}` (the server-rendered table stands without JavaScript).
 */
export function RoundProgress({ roundId, initial }: { roundId: string; initial: RoundJson }) {
  const [round, setRound] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/api/v1/rounds/${roundId}`, { credentials: "same-origin" });
        if (response.ok && !stopped) setRound((await response.json()) as RoundJson);
      } catch {
        // Offline for a moment: the next refresh catches up.
      }
    }, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [roundId]);
  return (
    <table className="w-full text-left" data-testid="round-progress">
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
        {round.assignments.map((assignment) => (
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
