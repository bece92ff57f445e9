"use client";

import { createContext, type ReactNode, useContext } from "react";

/** The round progress of the live annotations document the article page has open. */
export interface LiveRoundProgress {
  /** Whether that document is connected and synced (its entries are current). */
  live: boolean;
  /** The `roundProgress` map as the server wrote it (only the moderators' full view has entries). */
  entries: ReadonlyMap<string, unknown>;
}

const LiveRoundProgressContext = createContext<LiveRoundProgress | null>(null);

/**
 * Hands the page's live round progress to the round panel, which the server renders into the
 * article's header (components/annotator/annotated-article.tsx provides it around the header).
 */
export function LiveRoundProgressProvider({
  value,
  children,
}: {
  value: LiveRoundProgress;
  children: ReactNode;
}) {
  return <LiveRoundProgressContext.Provider value={value}>{children}</LiveRoundProgressContext.Provider>;
}

/** The live round progress of the page, or null outside an article page's live annotations. */
export function useLiveRoundProgress(): LiveRoundProgress | null {
  return useContext(LiveRoundProgressContext);
}
