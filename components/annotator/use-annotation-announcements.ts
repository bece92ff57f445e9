"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { LiveAnnotation } from "@/lib/annotations/live-entry";
import { LABEL_META } from "./labels";

/**
 * What a polite live region says when others add highlights: the first live state is what was
 * already there; only what others add afterwards is announced.
 */
export function useArrivalAnnouncement(
  annotations: LiveAnnotation[],
  live: boolean,
  selfId: string,
  quoteOf: (id: string) => string | undefined,
): string {
  const [announcement, setAnnouncement] = useState("");
  const seenIds = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!live) return;
    const seen = seenIds.current;
    seenIds.current = new Set(annotations.map((annotation) => annotation.id));
    // The first state is what was already there; announce only what others add afterwards.
    if (!seen) return;
    const added = annotations.filter(
      (annotation) => !seen.has(annotation.id) && annotation.author.id !== selfId,
    );
    if (added.length === 1) {
      const [annotation] = added;
      // The quote is read from the body (lib/annotations/live-entry.ts): known once it resolved.
      const quote = quoteOf(annotation!.id);
      const what = quote ? `“${quote.slice(0, 80)}”` : "a passage";
      setAnnouncement(`${annotation!.author.name} tagged ${what} as ${LABEL_META[annotation!.label].name}`);
    } else if (added.length > 1) {
      setAnnouncement(`${added.length} new highlights from others`);
    }
  }, [annotations, live, selfId, quoteOf]);
  return announcement;
}

/**
 * Changes whenever what the agreement figures rest on changes (live-agreement-panel.tsx); null
 * until the live annotations are there.
 */
export function useAgreementSignature(annotations: LiveAnnotation[], live: boolean): string | null {
  return useMemo(
    () =>
      live
        ? annotations
            .map(
              (a) => `${a.id}:${a.label}:${a.status}:${a.start}-${a.end}:${a.orphaned ? 1 : 0}:${a.version}`,
            )
            .sort()
            .join("|")
        : null,
    [annotations, live],
  );
}
