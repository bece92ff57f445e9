"use client";

import { createContext, type ReactNode, useContext } from "react";
import type { VerdictJson } from "@/lib/verdicts/verdict-json";

interface VerdictContextValue {
  /** Live verdicts by annotation id (the server-written verdict map). */
  verdicts: ReadonlyMap<string, VerdictJson>;
  /** Whether the user may give, change and remove verdicts (moderators, admins). */
  canWrite: boolean;
  /** The team's slug. */
  team: string;
}

const VerdictContext = createContext<VerdictContextValue>({ verdicts: new Map(), canWrite: false, team: "" });

/** Hands the live verdicts down to the sidebar's rows without threading them through every prop. */
export function VerdictProvider({ children, ...value }: VerdictContextValue & { children: ReactNode }) {
  return <VerdictContext.Provider value={value}>{children}</VerdictContext.Provider>;
}

/** The live verdicts and whether the user may write them. */
export function useVerdicts(): VerdictContextValue {
  return useContext(VerdictContext);
}
